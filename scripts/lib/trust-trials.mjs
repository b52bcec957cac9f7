#!/usr/bin/env node
// The trust trials of scripts/try-release-trust.sh against a bot started as in production (issue 13, "Done when").
//
//   node scripts/lib/trust-trials.mjs OPENID_PORT BOT_URL APP_ID TENANT_ID BOT_PID
//
// Serves a loopback stand-in for login.botframework.com on 127.0.0.1:OPENID_PORT (OpenID configuration and a JWKS
// whose keys carry Bot Framework "endorsements": one key for msteams, one for webchat), waits until BOT_URL/healthz
// answers 200, then sends each hostile request with tokens it signs itself and prints one line per trial:
//   PASS|FAIL  <trial>  expected …, got …
// Exit code: the number of failed trials (0 = all passed); 100 when the bot never became healthy.
import crypto from "node:crypto";
import http from "node:http";

const [openIdPort, botUrl, appId, tenantId, botPid] = process.argv.slice(2);
const ISSUER = "https://api.botframework.com";
const TEAMS_SERVICE_URL = "https://smba.trafficmanager.net/amer/";
const COMMITTEE = "3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b01";

function newKey(kid, endorsements) {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const jwk = publicKey.export({ format: "jwk" });
  return { kid, privateKey, jwk: { kty: "RSA", use: "sig", kid, n: jwk.n, e: jwk.e, endorsements } };
}

const teamsKey = newKey("trial-msteams", ["msteams"]);
const webChatKey = newKey("trial-webchat", ["webchat"]);
const base = `http://127.0.0.1:${openIdPort}`;

const openId = http.createServer((req, res) => {
  const body =
    req.url === "/v1/.well-known/openidconfiguration"
      ? { issuer: ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ["RS256"] }
      : req.url === "/v1/.well-known/keys"
        ? { keys: [teamsKey.jwk, webChatKey.jwk] }
        : null;
  res.writeHead(body ? 200 : 404, { "Content-Type": "application/json" });
  res.end(body ? JSON.stringify(body) : "");
});

const b64url = (data) => Buffer.from(data).toString("base64url");

function mint(key, serviceUrl) {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: "RS256", typ: "JWT", kid: key.kid }));
  const payload = b64url(JSON.stringify({ iss: ISSUER, aud: appId, serviceurl: serviceUrl, iat: now - 60, nbf: now - 60, exp: now + 1800 }));
  const signature = crypto.sign("sha256", Buffer.from(`${header}.${payload}`), key.privateKey).toString("base64url");
  return `Bearer ${header}.${payload}.${signature}`;
}

function activity({ channelId = "msteams", serviceUrl = TEAMS_SERVICE_URL, tenant = tenantId, aadObjectId = COMMITTEE } = {}) {
  const conversation = { id: `a:personal-${aadObjectId}`, conversationType: "personal" };
  const channelData = {};
  if (tenant) {
    conversation.tenantId = tenant;
    channelData.tenant = { id: tenant };
  }
  return {
    type: "message",
    id: crypto.randomUUID(),
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId,
    from: { id: `29:${aadObjectId}`, name: "张书记", aadObjectId },
    conversation,
    recipient: { id: `28:${appId}`, name: "学雷锋志愿服务" },
    text: "导出记录",
    channelData,
  };
}

function post(body, authorization) {
  return new Promise((resolve) => {
    const data = Buffer.from(JSON.stringify(body));
    const headers = { "Content-Type": "application/json", "Content-Length": data.length };
    if (authorization) headers.Authorization = authorization;
    const req = http.request(`${botUrl}/api/messages`, { method: "POST", headers }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode, bodyLength: text.length }));
    });
    req.on("error", (e) => resolve({ status: 0, error: e.code || e.message }));
    req.end(data);
  });
}

// A chunked body (no Content-Length) of up to `total` bytes, written as fast as the server takes it.
function postChunked(total, authorization) {
  return new Promise((resolve) => {
    let sent = 0;
    let done = false;
    const finish = (result) => {
      if (!done) {
        done = true;
        resolve({ ...result, sent });
      }
    };
    const req = http.request(`${botUrl}/api/messages`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Transfer-Encoding": "chunked", Authorization: authorization },
    });
    req.on("response", (res) => {
      res.resume();
      finish({ status: res.statusCode });
      req.destroy();
    });
    req.on("error", (e) => finish({ status: 0, error: e.code || e.message }));
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!done && sent >= total) req.end();
    };
    req.write('{"type":"message","text":"');
    pump();
  });
}

async function waitHealthy(seconds) {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (botPid) {
      try {
        process.kill(Number(botPid), 0);
      } catch {
        return false;
      }
    }
    const status = await new Promise((resolve) => {
      http.get(`${botUrl}/healthz`, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on("error", () => resolve(0));
    });
    if (status === 200) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

const results = [];
function report(name, ok, expected, got) {
  results.push(ok);
  console.log(`${ok ? "PASS" : "FAIL"}  ${name.padEnd(58)} expected ${expected}, got ${got}`);
}
const refused = (r) => r.status === 401 || r.status === 403;
const shown = (r) => (r.status ? String(r.status) : `no answer (${r.error})`) + (r.bodyLength ? ` with a ${r.bodyLength}-byte body` : "");

await new Promise((resolve) => openId.listen(Number(openIdPort), "127.0.0.1", resolve));
if (!(await waitHealthy(180))) {
  console.log(`FAIL  the bot at ${botUrl} did not report Healthy within 180 s`);
  openId.close();
  process.exit(100);
}

const teams = mint(teamsKey, TEAMS_SERVICE_URL);
let r = await post(activity({ channelId: "webchat", serviceUrl: "https://webchat.botframework.com/" }), mint(webChatKey, "https://webchat.botframework.com/"));
report("Web Chat-shaped activity (webchat key, committee's id)", refused(r) && !r.bodyLength, "401/403, empty body", shown(r));

r = await post(activity({ channelId: "webchat" }), teams);
report("msteams token, activity claims channel webchat", refused(r) && !r.bodyLength, "401/403, empty body", shown(r));

r = await post(activity({ tenant: null }), teams);
report("Teams activity without a tenant", refused(r) && !r.bodyLength, "401/403, empty body", shown(r));

r = await post(activity({ tenant: "11111111-2222-4333-8444-555555555555" }), teams);
report("Teams activity from a foreign tenant", refused(r) && !r.bodyLength, "401/403, empty body", shown(r));

r = await post(activity(), undefined);
report("token-less request (not loopback-local: production)", r.status === 401 && !r.bodyLength, "401, empty body", shown(r));

r = await post(activity(), "Bearer not.a.token");
report("malformed bearer token", r.status === 401, "401", shown(r));

const total = 20 * 1024 * 1024;
r = await postChunked(total, teams);
const cut = r.status === 413 || (r.status === 0 && r.sent < total);
report(
  "chunked 20 MB body (valid token)",
  cut && r.sent < total,
  "413 or connection cut before 20 MB",
  `${shown(r)} after ${(r.sent / 1024).toFixed(0)} KiB of ${total / 1024} KiB`,
);

openId.close();
const failed = results.filter((ok) => !ok).length;
console.log(`trials: ${results.length} run, ${results.length - failed} passed, ${failed} failed`);
process.exit(failed);

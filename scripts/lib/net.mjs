#!/usr/bin/env node
// Small network probes for scripts/dev.sh and scripts/test.sh, written in Node because Node is the one tool
// every machine that runs these scripts has (curl, python or ss may be missing on a fresh box).
//
//   node scripts/lib/net.mjs free-ports N            N distinct free TCP ports on 127.0.0.1, space-separated
//   node scripts/lib/net.mjs busy PORT               exit 0 if something accepts connections on 127.0.0.1:PORT
//   node scripts/lib/net.mjs server PORT             print the HTTP Server header at 127.0.0.1:PORT (may be empty)
//   node scripts/lib/net.mjs wait URL SECONDS [PID]  poll URL until it answers 200; exit 1 on timeout,
//                                                    exit 2 at once if process PID has gone
import net from "node:net";
import http from "node:http";

const [command, ...args] = process.argv.slice(2);

function freePorts(count) {
  // Hold every socket open until all are bound, so the N ports are distinct.
  const servers = [];
  const bindOne = () =>
    new Promise((resolve, reject) => {
      const server = net.createServer();
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => {
        servers.push(server);
        resolve(server.address().port);
      });
    });
  return (async () => {
    const ports = [];
    for (let i = 0; i < count; i++) ports.push(await bindOne());
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    return ports;
  })();
}

function busy(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port, timeout: 1000 });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("timeout", () => { socket.destroy(); resolve(false); });
    socket.once("error", () => resolve(false));
  });
}

function get(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2000 }, (response) => {
      response.resume();
      resolve({ status: response.statusCode, server: response.headers.server ?? "" });
    });
    request.once("timeout", () => request.destroy());
    request.once("error", () => resolve(null));
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function wait(url, seconds, pid) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    if (pid && !alive(pid)) return 2;
    const answer = await get(url);
    if (answer?.status === 200) return 0;
    if (Date.now() > deadline) return 1;
    await new Promise((r) => setTimeout(r, 250));
  }
}

switch (command) {
  case "free-ports":
    console.log((await freePorts(Number(args[0] ?? 1))).join(" "));
    break;
  case "busy":
    process.exit((await busy(Number(args[0]))) ? 0 : 1);
    break;
  case "server":
    console.log((await get(`http://127.0.0.1:${Number(args[0])}/`))?.server ?? "");
    break;
  case "wait":
    process.exit(await wait(args[0], Number(args[1] ?? 60), args[2] ? Number(args[2]) : 0));
    break;
  default:
    console.error("usage: net.mjs free-ports N | busy PORT | server PORT | wait URL SECONDS [PID]");
    process.exit(64);
}

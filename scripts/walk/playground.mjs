// Starts the Microsoft 365 Agents Playground as one persona of .m365agentsplayground.yml. The Playground has no
// user switch: scripts/lib/playground-as.mjs writes a config in which that persona is currentUser (as
// `scripts/dev.sh --as` does). Each persona's Playground has its own port, working folder and log.
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import http from "node:http";

export class Playground {
  constructor({ root, port, botUrl, logs }) {
    Object.assign(this, { root, port, botUrl, logs });
    this.child = null;
    this.user = null;
  }

  get pid() {
    return this.child?.pid;
  }

  get url() {
    return `http://localhost:${this.port}`;
  }

  /** Starts the Playground with `who` (a name such as 李强) as the current user; stops a running one first. */
  async startAs(who) {
    await this.stop();
    const base = path.join(this.root, ".m365agentsplayground.yml");
    let config = base;
    if (who !== "张书记") {
      config = path.join(this.logs, `playground-as-${who}.yml`);
      execFileSync("node", [path.join(this.root, "scripts/lib/playground-as.mjs"), base, who, config]);
    }
    const workDir = path.join(this.logs, `playground-${who}`);
    fs.mkdirSync(workDir, { recursive: true });
    const log = fs.openSync(path.join(this.logs, `playground-${who}.log`), "a");
    fs.writeSync(log, `\n--- as ${who} ---\n`);
    this.child = spawn(path.join(this.root, "node_modules/.bin/agentsplayground"),
      ["-e", `${this.botUrl}/api/messages`, "-c", "msteams", "-p", String(this.port), "--disable-telemetry"],
      {
        cwd: workDir,
        env: { ...process.env, TEAMSAPPTESTER_BROWSER: "none", M365_AGENTS_PLAYGROUND_CONFIG_PATH: config },
        stdio: ["ignore", log, log],
      });
    fs.closeSync(log);
    const child = this.child;
    let exited = false;
    child.once("exit", () => { exited = true; });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`the Playground exited at start as ${who}; see ${this.logs}/playground-${who}.log`);
      if (await answers(`http://127.0.0.1:${this.port}/`)) {
        this.user = who;
        return;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`the Playground did not answer on port ${this.port} within 60 s`);
  }

  /** Stops the Playground this module started (TERM, then KILL after 10 s) and waits until the port is free. */
  async stop() {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await gone;
      clearTimeout(timer);
    }
    for (let i = 0; i < 100 && (await answers(`http://127.0.0.1:${this.port}/`)); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function answers(url) {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 1500 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.once("timeout", () => request.destroy());
    request.once("error", () => resolve(false));
  });
}

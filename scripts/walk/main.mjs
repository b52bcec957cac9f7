#!/usr/bin/env node
// The Playground walkthrough driver (run through scripts/walk-playground.sh, which starts Azurite and the bot
// and passes their addresses in WALK_* variables). Runs the steps of steps.mjs in order, each as one persona;
// switching persona restarts the Playground with that persona as the current user.
//
// A step that fails is reported with what the user saw; the rest of its section is skipped (it builds on the
// failed step), later sections still run. Screenshots: WALK_OUT/NN-step.png.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { Playground } from "./playground.mjs";
import { Chat } from "./chat.mjs";
import { freePort, requireEnv } from "./runtime.mjs";
import { sections } from "./steps.mjs";


const env = (name) => requireEnv(name, "scripts/walk-playground.sh");
const root = env("WALK_ROOT");
const out = env("WALK_OUT");
const args = process.argv.slice(2);
const headed = args.includes("--headed");
const slowIndex = args.indexOf("--slow");
const slowMo = slowIndex >= 0 ? Number(args[slowIndex + 1]) : 0;
const timeoutMs = Number(process.env.WALK_TIMEOUT_MS ?? 30_000);

// One Playground per persona, all talking to the same bot, so that each persona is "online" at once and sees
// what the bot sends them proactively (notices, announcements, reminders): the Playground answers 404 for a
// conversation of anybody but its current user. 张书记's runs on WALK_PLAYGROUND_PORT, the others on free ports.
const logs = path.join(out, "logs");
const mainPort = Number(env("WALK_PLAYGROUND_PORT"));
const playgrounds = new Map();
const pidFile = env("WALK_PLAYGROUND_PIDFILE");
const writePids = () => fs.writeFileSync(pidFile, [...playgrounds.values()].map((p) => p.pid).filter(Boolean).join(" "));

const browser = await chromium.launch({
  executablePath: env("WALK_CHROMIUM"),
  headless: !headed,
  slowMo,
  args: [...(headed ? [] : ["--headless"]), "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

// A stray rejection (a wait that outlived its step) must not end the walk without its summary.
process.on("unhandledRejection", (error) => console.log(`     (ignored late error: ${String(error?.message ?? error).split("\n")[0]})`));

const results = [];
const context = { bot: env("WALK_BOT_URL"), out, files: {} };
let page = null;
let chat = null;
context.become = (who) => become(who).then(() => personas.get(who));
let number = 0;

/** Texts on the card that overflow its width (they would be cut or scroll sideways on a phone). */
async function overflowOf(message) {
  return message.locator(".ac-adaptiveCard *").evaluateAll((els) => els
    .filter((e) => e.children.length === 0 && e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== "visible"
      && e.innerText.trim().length > 0 && getComputedStyle(e).textOverflow !== "ellipsis")
    .map((e) => e.innerText.trim().slice(0, 40))).catch(() => []);
}

const personas = new Map();

/** The chat of `who`: starts their Playground and opens their personal chat the first time. */
async function become(who) {
  if (!personas.has(who)) {
    const playground = new Playground({ root, port: who === "张书记" ? mainPort : await freePort(), botUrl: env("WALK_BOT_URL"), logs });
    playgrounds.set(who, playground);
    await playground.startAs(who);
    writePids();
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(timeoutMs);
    await page.goto(playground.url);
    const chat = new Chat(page, { timeoutMs });
    await chat.openPersonalChat();
    personas.set(who, chat);
  }
  chat = personas.get(who);
  page = chat.page;
  context.chatOf = (name) => personas.get(name);
}

try {
  for (const section of sections) {
    let skipping = null;
    for (const step of section.steps) {
      number += 1;
      const id = `${String(number).padStart(2, "0")}-${step.slug}`;
      const label = `${String(number).padStart(2, "0")} ${step.who} ${step.title}`;
      if (skipping) {
        results.push({ label, status: "SKIP", note: `after ${skipping} failed` });
        console.log(`SKIP ${label}`);
        continue;
      }
      const started = Date.now();
      let shown = null;
      try {
        await become(step.who);
        shown = await step.run(chat, context);
        await chat.shot(path.join(out, `${id}.png`), shown ?? undefined);
        const wide = shown ? await overflowOf(shown) : [];
        results.push({ label, status: "PASS", note: wide.length ? `too wide for the card (a phone): ${wide.join("; ")}` : undefined });
        if (wide.length) console.log(`     NOTE too wide: ${wide.join("; ")}`);
        console.log(`PASS ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        if (page) {
          await page.screenshot({ path: path.join(out, `${id}.png`) }).catch(() => {});
          fs.writeFileSync(path.join(logs, `${id}.html`), await page.content().catch(() => ""));
        }
        const note = String(error?.message ?? error).split("\n")[0];
        results.push({ label, status: "FAIL", note });
        console.log(`FAIL ${label}\n     ${note}`);
        skipping = String(number).padStart(2, "0");
      }
    }
  }
} finally {
  await browser.close().catch(() => {});
  for (const playground of playgrounds.values()) await playground.stop().catch(() => {});
  fs.rmSync(pidFile, { force: true });
}

const count = (s) => results.filter((r) => r.status === s).length;
const summary = [
  "",
  "Walkthrough summary",
  ...results.map((r) => `  ${r.status} ${r.label}${r.note ? ` — ${r.note}` : ""}`),
  "",
  `walk: ${count("PASS")} passed, ${count("FAIL")} failed, ${count("SKIP")} skipped`,
];
fs.writeFileSync(path.join(out, "summary.txt"), `${summary.join("\n")}\n`);
console.log(summary.join("\n"));
process.exit(count("FAIL") + count("SKIP") === 0 && results.length > 0 ? 0 : 1);

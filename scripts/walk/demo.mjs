#!/usr/bin/env node
// The demo walk driver (run through scripts/walk-demo.sh, which starts `scripts/dev.sh --demo` and waits for the
// demo department to be seeded). As the committee (张书记), a liaison (李强) and a volunteer (王芳), each in their own
// Agents Playground, it opens the help menu, reads which commands that role's menu offers (the groups and labels
// of Bot.Dialogs/Resources/menu.json, as rendered on the card), types every one of them and checks that the answer
// shows content: not an empty state ("暂无…" or any empty/not-set-up text of the catalogue) and not a refusal.
// Screenshots: WALK_OUT/<role>-NN-<command>.png; summary: WALK_OUT/summary.txt.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { Playground } from "./playground.mjs";
import { Chat } from "./chat.mjs";
import { freePort, requireEnv } from "./runtime.mjs";

const env = (name) => requireEnv(name, "scripts/walk-demo.sh");
const root = env("WALK_ROOT");
const out = env("WALK_OUT");
const logs = path.join(out, "logs");
const botUrl = env("WALK_BOT_URL");
const mainPort = Number(env("WALK_PLAYGROUND_PORT"));
const pidFile = env("WALK_PLAYGROUND_PIDFILE");
const headed = process.argv.includes("--headed");
const timeoutMs = Number(process.env.WALK_TIMEOUT_MS ?? 30_000);

const read = (...p) => JSON.parse(fs.readFileSync(path.join(root, "Bot.Dialogs", "Resources", ...p), "utf8"));
const menu = read("menu.json");
const zh = Object.assign({}, ...fs.readdirSync(path.join(root, "Bot.Dialogs/Resources/zh-CN"))
  .filter((f) => f.endsWith(".json")).map((f) => read("zh-CN", f)));

// Empty or not-set-up states: every catalogue text whose key says so, up to its first placeholder, and 暂无 anywhere.
const emptyKey = /\.(none|empty|noneYet|noneAllowed|no[A-Z]\w*|notRegistered|notSetUp)$/;
const emptyTexts = Object.entries(zh)
  .filter(([key, text]) => emptyKey.test(key) && /[。.]$/.test(text.trim())) // sentences, not headings such as 未任命联络员的处室
  .map(([, text]) => text.split("{")[0].trim())
  .filter((t) => t.length >= 6);
const refusal = /仅限机关党委|仅限联络员|仅限.*办理|无权|没有权限/;

function emptyStateIn(text) {
  if (text.includes("暂无")) return text.slice(Math.max(0, text.indexOf("暂无") - 10), text.indexOf("暂无") + 20);
  const hit = emptyTexts.find((t) => text.includes(t));
  if (hit) return hit;
  const refused = text.match(refusal);
  return refused ? refused[0] : null;
}


const ROW = 'xpath=//*[@aria-label="Message header"]/../..';

/** Sends `text` and waits for the bot's answer: new messages (not the user's own) that stop changing for 1.5 s. */
async function ask(chat, text) {
  await chat.markSeen();
  const box = chat.page.locator("[contenteditable=true]").first();
  await box.click();
  await box.fill(text);
  await box.press("Enter");
  const deadline = Date.now() + timeoutMs;
  let last = null;
  let stableSince = 0;
  for (;;) {
    await chat.scrollToEnd();
    const fresh = await chat.page.locator(ROW).evaluateAll((rows, typed) => rows
      .map((r, i) => ({ i, seen: !!r.dataset.walkSeen, text: r.innerText, card: !!r.querySelector(".ac-adaptiveCard") }))
      .filter((r) => !r.seen && (r.card || !r.text.trim().endsWith(typed))), text);
    const key = fresh.map((r) => r.text).join("\u0000");
    if (fresh.length && key === last) {
      if (Date.now() - stableSince >= 1500) {
        const message = await chat.pin(chat.page.locator(ROW).nth(fresh[fresh.length - 1].i));
        return { message, text: fresh.map((r) => r.text).join("\n") };
      }
    } else {
      last = key;
      stableSince = Date.now();
    }
    if (Date.now() > deadline) throw new Error(`no answer to “${text}” within ${timeoutMs / 1000} s`);
    await chat.page.waitForTimeout(250);
  }
}

/** The commands of this user's help menu: the labels on the help card (groups opened), mapped back through menu.json. */
async function menuOf(chat) {
  const { message } = await ask(chat, "帮助");
  await chat.waitForText(message, zh["help.title"], "the help menu");
  // A long menu folds each group behind a button (Action.ShowCard): open one group at a time and read its buttons.
  const labels = new Set((await message.getByRole("button").allInnerTexts()).map((t) => t.trim()));
  for (const group of menu.groups) {
    const button = message.getByRole("button", { name: zh[group.label], exact: true });
    if (!(await button.count())) continue;
    await button.first().click();
    await chat.page.waitForTimeout(300);
    for (const t of await message.getByRole("button").allInnerTexts()) labels.add(t.trim());
  }
  // The host shows at most 6 buttons in a row; the rest sit behind "…" (an overflow menu): open each and read it.
  const more = message.getByRole("button", { name: /^(\.\.\.|…|More options)$/ });
  for (let i = 0; i < await more.count(); i++) {
    await more.nth(i).click();
    await chat.page.waitForTimeout(300);
    const popup = [...await chat.page.getByRole("menuitem").allInnerTexts(), ...await chat.page.locator("[role=menu]").allInnerTexts()];
    for (const t of popup.flatMap((x) => x.split("\n"))) labels.add(t.trim());
    await chat.page.keyboard.press("Escape");
  }
  const commands = menu.groups.flatMap((g) => g.items).filter((i) => labels.has(zh[i.label])).map((i) => i.command);
  // 提醒进度 reports sends: try it after 立即提醒 (before any run it rightly says there is none yet).
  const status = commands.indexOf("提醒进度");
  if (status >= 0 && commands.includes("立即提醒")) {
    commands.splice(status, 1);
    commands.splice(commands.indexOf("立即提醒") + 1, 0, "提醒进度");
  }
  return { commands, message };
}

const personas = [
  { who: "张书记", role: "committee" },
  { who: "李强", role: "liaison" },
  { who: "王芳", role: "volunteer" },
];
const playgrounds = [];
const results = [];
const browser = await chromium.launch({
  executablePath: env("WALK_CHROMIUM"),
  headless: !headed,
  args: [...(headed ? [] : ["--headless"]), "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
process.on("unhandledRejection", (error) => console.log(`     (ignored late error: ${String(error?.message ?? error).split("\n")[0]})`));

try {
  for (const { who, role } of personas) {
    let port = mainPort;
    if (who !== "张书记") {
      // 张书记 uses the Playground dev.sh started; the others get their own on a free port.
      port = await freePort();
      const playground = new Playground({ root, port, botUrl, logs });
      playgrounds.push(playground);
      await playground.startAs(who);
      fs.writeFileSync(pidFile, playgrounds.map((p) => p.pid).filter(Boolean).join(" "));
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(timeoutMs);
    await page.goto(`http://localhost:${port}`);
    const chat = new Chat(page, { timeoutMs });
    if (role === "committee") {
      // Opening the team's channel installs the app there (the bot stores the team), so 导入名册 has a team to read.
      await page.getByRole("treeitem", { name: /General/ }).first().click().catch(() => {});
      await page.locator("[contenteditable=true]").first().waitFor().catch(() => {});
    }
    await chat.openPersonalChat();
    let commands;
    try {
      const found = await menuOf(chat);
      commands = found.commands;
      await chat.shot(path.join(out, `${role}-00-menu.png`), found.message);
      console.log(`${role} (${who}): ${commands.length} commands in the help menu: ${commands.join(" ")}`);
      if (commands.length === 0) throw new Error("the help menu shows no command");
    } catch (error) {
      results.push({ label: `${role} ${who} help menu`, status: "FAIL", note: String(error?.message ?? error).split("\n")[0] });
      console.log(`FAIL ${role} ${who} help menu: ${error?.message ?? error}`);
      await page.screenshot({ path: path.join(out, `${role}-00-menu.png`) }).catch(() => {});
      continue;
    }
    let n = 0;
    for (const command of commands) {
      n += 1;
      const label = `${role} ${who} ${command}`;
      const shot = path.join(out, `${role}-${String(n).padStart(2, "0")}-${command}.png`);
      try {
        const { message, text } = await ask(chat, command);
        await chat.shot(shot, message);
        const flat = text.replace(/\s+/g, " ").trim();
        const empty = emptyStateIn(flat);
        if (empty) throw new Error(`shows an empty or refused state (“${empty}”): ${flat.slice(0, 200)}`);
        if (flat.length < 20) throw new Error(`shows almost nothing: “${flat}”`);
        results.push({ label, status: "PASS" });
        console.log(`PASS ${label}`);
      } catch (error) {
        await page.screenshot({ path: shot }).catch(() => {});
        const note = String(error?.message ?? error).split("\n")[0];
        results.push({ label, status: "FAIL", note });
        console.log(`FAIL ${label}\n     ${note}`);
      }
    }
  }
} finally {
  await browser.close().catch(() => {});
  for (const playground of playgrounds) await playground.stop().catch(() => {});
  fs.rmSync(pidFile, { force: true });
}

const count = (s) => results.filter((r) => r.status === s).length;
const summary = [
  "",
  "Demo walk summary",
  ...results.map((r) => `  ${r.status} ${r.label}${r.note ? ` — ${r.note}` : ""}`),
  "",
  `walk-demo: ${count("PASS")} passed, ${count("FAIL")} failed`,
];
fs.writeFileSync(path.join(out, "summary.txt"), `${summary.join("\n")}\n`);
console.log(summary.join("\n"));
process.exit(count("FAIL") === 0 && results.length > 0 ? 0 : 1);

#!/usr/bin/env node
// Writes a copy of a Playground config in which somebody else is the current user (the Playground has no
// user switch of its own). Used by `scripts/dev.sh --as <who>`.
//
//   node scripts/lib/playground-as.mjs CONFIG WHO OUT
//
// WHO is a name (李强), a user id (user-li-qiang) or an aadObjectId. That user's entry and `currentUser`
// change places, so the file keeps exactly 5 `users`; the personal chat gets an id of its own per user, as
// in Teams. Works on the layout of the committed .m365agentsplayground.yml (block style, one field a line).
import fs from "node:fs";

const [configPath, who, outPath] = process.argv.slice(2);
if (!configPath || !who || !outPath) {
  console.error("usage: playground-as.mjs CONFIG WHO OUT");
  process.exit(64);
}
const lines = fs.readFileSync(configPath, "utf8").split("\n");
const field = /^\s*(?:- )?(\w+):\s*(.*)$/;

// The currentUser block: "currentUser:" then lines indented by two spaces.
const currentStart = lines.findIndex((l) => l === "currentUser:");
let currentEnd = currentStart + 1;
while (currentEnd < lines.length && /^ {2}\w/.test(lines[currentEnd])) currentEnd++;

// Each user: "  - id: ..." then lines indented by four spaces.
const users = [];
const usersStart = lines.findIndex((l) => l === "users:");
for (let i = usersStart + 1; i < lines.length && /^ {2}/.test(lines[i]); i++) {
  if (lines[i].startsWith("  - ")) users.push({ start: i, end: i + 1 });
  else if (users.length > 0) users[users.length - 1].end = i + 1;
}
if (currentStart < 0 || usersStart < 0 || users.length === 0) {
  console.error(`${configPath}: expected a block-style currentUser and users list.`);
  process.exit(1);
}

const fieldsOf = (from, to) =>
  lines.slice(from, to).map((l) => field.exec(l)).filter(Boolean).map((m) => [m[1], m[2]]);
const unquote = (v) => v.replace(/^["']|["']$/g, "");
const target = users.find((u) =>
  fieldsOf(u.start, u.end).some(([k, v]) => ["id", "name", "aadObjectId"].includes(k) && unquote(v) === who));
if (!target) {
  const names = users.map((u) => unquote(Object.fromEntries(fieldsOf(u.start, u.end)).name ?? "?"));
  console.error(`No user "${who}" in ${configPath}. Choose one of: ${names.join(", ")}`);
  process.exit(1);
}

const current = fieldsOf(currentStart + 1, currentEnd);
const chosen = fieldsOf(target.start, target.end);
const asCurrent = chosen.map(([k, v]) => `  ${k}: ${v}`);
const asUser = current.map(([k, v], i) => `${i === 0 ? "  - " : "    "}${k}: ${v}`);
const chosenId = unquote(Object.fromEntries(chosen).id);

// Replace the later block first so the earlier indexes stay valid.
const blocks = [
  { start: currentStart + 1, end: currentEnd, text: asCurrent },
  { start: target.start, end: target.end, text: asUser },
].sort((a, b) => b.start - a.start);
for (const b of blocks) lines.splice(b.start, b.end - b.start, ...b.text);

const chatIndex = lines.findIndex((l) => l === "personalChat:");
if (chatIndex >= 0 && /^ {2}id:/.test(lines[chatIndex + 1])) lines[chatIndex + 1] = `  id: personal-chat-${chosenId}`;

fs.writeFileSync(outPath, lines.join("\n"));
console.log(unquote(Object.fromEntries(chosen).name ?? chosenId));

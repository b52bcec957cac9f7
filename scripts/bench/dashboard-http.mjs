#!/usr/bin/env node
// Dashboard benchmark, HTTP side (run by scripts/bench-dashboard.sh against a bot it started on seeded storage):
// each endpoint × role called N times in a row through the real bot (dev sign-in header, loopback): the first call
// finds the per-instance cache empty (cold), the rest are answered within its 60 s. Then headless Chromium opens the
// tab and signs in as the committee: time until the overview's charts are drawn (interactive), 3 runs.
import { chromium } from "playwright-core";

const bot = process.env.DASH_URL;
const n = Number(process.env.DASH_CALLS ?? 100);
const committee = process.env.DASH_COMMITTEE;
const liaison = process.env.DASH_LIAISON;
const division = process.env.DASH_DIVISION;
const who = { committee, liaison, volunteer: liaison };
const plan = [
  ["committee", "/overview"], ["committee", "/divisions"], ["committee", `/division/${division}`], ["committee", "/trends"], ["committee", "/projects"],
  ["liaison", "/overview"], ["liaison", "/divisions"], ["liaison", `/division/${division}`], ["liaison", "/trends"], ["liaison", "/projects"],
  ["volunteer", "/mine"], ["committee", "/me"],
];
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
console.log(`| role | call | first (cold) | p50 | p95 | status |`);
console.log(`|---|---|---|---|---|---|`);
for (const [role, path] of plan) {
  const times = [];
  let status = 0;
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    const r = await fetch(`${bot}/api/dashboard${path}`, { headers: { "X-Dashboard-Dev-User": who[role] } });
    await r.arrayBuffer();
    times.push(performance.now() - start);
    status = r.status;
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`| ${role} | ${path.replace(division, "{id}")} | ${times[0].toFixed(0)} ms | ${pct(sorted, 0.5).toFixed(1)} ms | ${pct(sorted, 0.95).toFixed(1)} ms | ${status} |`);
}

const browser = await chromium.launch({ executablePath: process.env.WALK_CHROMIUM ?? "/usr/bin/chromium", headless: true, args: ["--headless", "--no-sandbox", "--disable-gpu"] });
console.log(`\n| overview in headless Chromium (committee) | page load to sign-in ready | sign-in to charts drawn | total |`);
console.log(`|---|---|---|---|`);
for (let run = 1; run <= 3; run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const t0 = performance.now();
  await page.goto(`${bot}/tab/`);
  await page.waitForSelector("body[data-ready=dev]");
  const t1 = performance.now();
  await page.selectOption("#dev-user", committee);
  await page.click("#dev-signin");
  await page.waitForSelector("body[data-ready=Overview] [data-chart=overview-divisions][data-rendered]");
  const t2 = performance.now();
  console.log(`| run ${run} | ${(t1 - t0).toFixed(0)} ms | ${(t2 - t1).toFixed(0)} ms | ${(t2 - t0).toFixed(0)} ms |`);
  await context.close();
}
await browser.close();

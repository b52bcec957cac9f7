#!/usr/bin/env node
// The 数据看板 browser walk (run through scripts/walk-dashboard.sh, which starts Azurite, seeds and starts the bot).
// Signs in with the dev sign-in as each persona and checks, against the JSON API answered for that same person:
// the pages offered, that every chart rendered (SVG with drawn shapes) with the API's series count, and that the
// table views hold the API's figures. Also English, the drill-down, and a page without sign-in that shows nothing.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";

const bot = process.env.DASH_URL;
const out = process.env.DASH_OUT;
if (!bot || !out) {
  console.error("DASH_URL / DASH_OUT are not set; run scripts/walk-dashboard.sh");
  process.exit(64);
}
const personas = [
  { key: "committee", name: "张书记", id: "3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b01", pages: ["Overview", "Divisions", "Trends", "Projects", "Mine"] },
  { key: "liaison", name: "李强", id: "3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b02", pages: ["Overview", "Divisions", "Trends", "Projects", "Mine"] },
  { key: "volunteer", name: "王芳", id: "3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b04", pages: ["Mine"] },
];
let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? "PASS" : "FAIL"} ${what}`);
  return ok;
};
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function api(who, p) {
  const response = await fetch(`${bot}/api/dashboard${p}`, { headers: { "X-Dashboard-Dev-User": who.id } });
  return { status: response.status, body: response.status === 200 ? await response.json() : null };
}

// Series each chart must draw, from the API's answer of its page.
const seriesOf = {
  "overview-targets": () => 1,
  "overview-divisions": () => 2,
  "divisions-hours": () => 1,
  "division-volunteers": () => 1,
  "trends-hours": (d) => d.divisions.length,
  "trends-participants": (d) => d.divisions.length,
  "projects-pipeline": () => 1,
  "projects-upcoming": () => 1,
  "mine-months": () => 2,
  "mine-progress": () => 1,
};
const endpointOf = { Overview: "/overview", Divisions: "/divisions", Trends: "/trends", Projects: "/projects", Mine: "/mine" };

async function charts(page, label, data) {
  const found = await page.$$eval("[data-chart]", (els) => els.map((e) => ({
    id: e.dataset.chart,
    series: Number(e.dataset.series),
    shapes: e.querySelectorAll("svg path, svg rect").length,
    width: e.querySelector("svg")?.getBoundingClientRect().width ?? 0,
  })));
  check(found.length > 0, `${label}: charts present (${found.map((c) => c.id).join(", ")})`);
  for (const c of found) {
    const want = seriesOf[c.id]?.(data);
    check(c.width > 0 && c.shapes > 2, `${label}: ${c.id} drew an SVG (${c.shapes} shapes)`);
    check(c.series === want, `${label}: ${c.id} has ${c.series} series, API says ${want}`);
  }
}

/** Rows of a chart's table view (or a plain table): the cells' text. */
const rowsOf = (page, id) => page.$$eval(`[data-table="${id}"] tbody tr`, (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
const fmt = (page, values, digits) => page.evaluate(([v, d]) => v.map((x) => Number(x).toLocaleString(document.documentElement.lang, { maximumFractionDigits: d })), [values, digits]);

async function tables(page, label, name, d) {
  if (name === "Overview") {
    const rows = await rowsOf(page, "overview-divisions");
    check(same(rows.map((r) => r[0]), d.divisions.map((x) => x.name)), `${label}: division table names = API (${rows.length})`);
    check(same(rows.map((r) => r[1]), await fmt(page, d.divisions.map((x) => x.activitiesThisQuarter), 0)), `${label}: activities this quarter = API`);
    const tiles = await page.$$eval("[data-tile] .tile-value", (e) => e.map((x) => x.textContent));
    check(tiles[0] === (await fmt(page, [d.registered], 0))[0], `${label}: registered tile ${tiles[0]} = API ${d.registered}`);
  } else if (name === "Divisions") {
    const rows = await rowsOf(page, "divisions-hours");
    check(same(rows.map((r) => r[0]), d.divisions.map((x) => x.name)), `${label}: divisions table names = API (${rows.length})`);
    check(same(rows.map((r) => r[4]), await fmt(page, d.divisions.map((x) => x.hoursThisYear), 1)), `${label}: hours column = API`);
    const flagged = rows.filter((r) => r[2].includes("0 ·")).length;
    check(flagged === d.divisions.filter((x) => x.noLiaison).length, `${label}: ${flagged} division(s) flagged without liaison, API says ${d.divisions.filter((x) => x.noLiaison).length}`);
  } else if (name === "Trends") {
    const rows = await rowsOf(page, "trends-hours");
    check(same(rows.map((r) => r[0]), d.months), `${label}: trends table has the API's 12 months`);
    for (const [i, s] of d.divisions.entries()) {
      check(same(rows.map((r) => r[i + 1]), await fmt(page, s.hours, 1)), `${label}: hours of ${s.name} = API`);
    }
  } else if (name === "Projects") {
    const rows = await rowsOf(page, "projects-pipeline");
    check(same(rows.map((r) => r[1]), await fmt(page, d.pipeline.map((p) => p.count), 0)), `${label}: pipeline counts = API (${d.pipeline.map((p) => p.count).join("/")})`);
    const up = await rowsOf(page, "projects-upcoming");
    check(same(up.map((r) => r[0]), d.upcoming.map((u) => u.title)), `${label}: upcoming = API (${up.length})`);
    const und = await rowsOf(page, "projects-undeclared");
    check(und.length === d.withoutDeclaration.length, `${label}: undeclared list ${und.length} = API ${d.withoutDeclaration.length}`);
  } else if (name === "Mine") {
    const rows = await rowsOf(page, "mine-months");
    check(same(rows.map((r) => r[0]), d.months), `${label}: my months = API`);
    check(same(rows.map((r) => r[1]), await fmt(page, d.confirmedByMonth, 1)), `${label}: confirmed hours by month = API`);
    check(same(rows.map((r) => r[2]), await fmt(page, d.pendingByMonth, 1)), `${label}: pending hours by month = API`);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.WALK_CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
fs.mkdirSync(out, { recursive: true });
const shot = (page, name) => page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });

try {
  for (const who of personas) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN", reducedMotion: "reduce" });
    const page = await context.newPage();
    page.on("pageerror", (e) => check(false, `${who.key}: page error ${e.message}`));
    await page.goto(`${bot}/tab/`);
    await page.waitForSelector("body[data-ready=dev]", { timeout: 30_000 });
    await page.selectOption("#dev-user", who.id);
    const started = Date.now();
    await page.click("#dev-signin");
    await page.waitForSelector(`body[data-ready=${who.pages[0]}]`, { timeout: 30_000 });
    const me = await api(who, "/me");
    const nav = await page.$$eval("nav [data-page]", (b) => b.map((x) => x.dataset.page));
    check(same(nav, me.body.pages) && same(nav, who.pages), `${who.key} ${who.name}: pages ${nav.join(",")} (API ${me.body.pages.join(",")}); first page interactive in ${Date.now() - started} ms`);
    for (const name of who.pages) {
      await page.click(`nav [data-page=${name}]`);
      await page.waitForSelector(`body[data-ready=${name}] #page[data-page=${name}] [data-chart][data-rendered], body[data-ready=${name}] #page[data-page=${name}] .notice`, { timeout: 30_000 });
      await page.waitForTimeout(300); // let the charts' first frame settle before the screenshot
      const { status, body } = await api(who, endpointOf[name]);
      check(status === 200, `${who.key}: API ${endpointOf[name]} answered ${status}`);
      if (name === "Mine" && body && !body.registered) {
        const notice = await page.$eval("main .notice", (n) => n.textContent).catch(() => "");
        const drawn = await page.$$eval("[data-chart]", (e) => e.length);
        check(notice.includes("注册") && drawn === 0, `${who.key}/Mine: not registered, says so and draws nothing`);
      } else {
        await charts(page, `${who.key}/${name}`, body);
        await tables(page, `${who.key}/${name}`, name, body);
      }
      await shot(page, `${who.key}-${name}`);
    }
    for (const name of Object.keys(endpointOf).filter((p) => !who.pages.includes(p))) {
      const { status } = await api(who, endpointOf[name]);
      check(status === 403, `${who.key}: API ${endpointOf[name]} refused (${status})`);
    }
    if (who.pages.includes("Divisions")) {
      await page.click("nav [data-page=Divisions]");
      await page.waitForSelector("body[data-ready=Divisions] [data-division]");
      const id = await page.$eval("[data-division]", (b) => b.dataset.division);
      await page.click(`[data-division="${id}"]`);
      await page.waitForSelector("[data-chart=division-volunteers][data-rendered]", { timeout: 30_000 });
      const { body } = await api(who, `/division/${id}`);
      await charts(page, `${who.key}/division ${body.division.name}`, body);
      const rows = await rowsOf(page, "division-volunteers");
      check(rows.length === body.volunteers.length && rows.length > 0, `${who.key}: drill-down lists ${rows.length} volunteers, API ${body.volunteers.length}`);
      await shot(page, `${who.key}-division`);
    }
    if (who.key === "committee") {
      await page.click("nav [data-page=Overview]");
      await page.waitForSelector("body[data-ready=Overview] [data-chart][data-rendered]");
      await page.click("[data-action=language]");
      await page.waitForSelector("body[data-ready=Overview] [data-chart][data-rendered]");
      const nav2 = await page.$$eval("nav [data-page]", (b) => b.map((x) => x.textContent));
      const h2 = await page.$eval("main h2", (h) => h.textContent);
      check(same(nav2, ["Overview", "Divisions", "Trends", "Projects", "Mine"]) && h2.includes("against the targets"), `committee: English (${nav2.join(" / ")}; "${h2}")`);
      const o = (await api(who, "/overview")).body;
      await charts(page, "committee/Overview (en)", o);
      await tables(page, "committee/Overview (en)", "Overview", o);
      await shot(page, "committee-Overview-en");
      for (const theme of ["dark", "contrast"]) {
        await page.goto(`${bot}/tab/?theme=${theme}`);
        await page.waitForSelector("body[data-ready=dev]");
        await page.selectOption("#dev-user", who.id);
        await page.click("#dev-signin");
        await page.waitForSelector("body[data-ready=Overview] [data-chart=overview-divisions][data-rendered]");
        const look = await page.evaluate(() => ({ theme: document.body.dataset.theme, bg: getComputedStyle(document.body).backgroundColor }));
        check(look.theme === theme && look.bg !== "rgb(245, 245, 245)", `committee: ${theme} theme (background ${look.bg})`);
        await shot(page, `committee-Overview-${theme}`);
      }
    }
    await context.close();
  }

  // Outside Teams and without the dev sign-in (as on a real deployment): the page says so and shows nothing.
  const context = await browser.newContext({ viewport: { width: 1000, height: 500 } });
  const page = await context.newPage();
  await page.route("**/api/dashboard/dev/people", (route) => route.fulfill({ status: 404, body: "" }));
  await page.goto(`${bot}/tab/`);
  await page.waitForSelector("body[data-ready]", { timeout: 30_000 });
  const state = await page.$eval("body", (b) => ({ ready: b.dataset.ready, text: document.querySelector(".notice")?.textContent ?? "", charts: document.querySelectorAll("[data-chart]").length }));
  check(state.ready === "state.outsideTeams" && state.text.includes("Teams") && state.charts === 0, `outside Teams: "${state.text.slice(0, 30)}…", ${state.charts} charts`);
  await shot(page, "outside-teams");
  await context.close();
} catch (e) {
  check(false, `walk stopped: ${e.message.split("\n")[0]}`);
} finally {
  await browser.close();
}
console.log(`dashboard walk: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

// Issue 18, "Done when", as a new user would: the committee imports the team roster and adds a committee member
// (机关党委成员), who is told; a gear loan passes its return date (test clock) and the holder gets the nudge card;
// 优秀志愿者评选 names 刘洋, who receives the congratulation card and downloads the 荣誉证书 (a PDF); 积分公示 is
// posted to the team channel, where the card shows.
//
// rulesSetup runs before the check-in section, on the real clock (the activity is still a week ahead, so gear can be
// asked for it; the clock is never set back: the shared send limiter would wait for the time it last saw); rules
// runs after it and moves the test clock on past the gear's return date. The bot's overdue sweep runs every few seconds in the walk (scripts/walk-playground.sh sets
// Gear__OverdueSweep__Interval), so the nudge arrives without waiting an hour.
import fs from "node:fs";
import path from "node:path";
import { inPlace, ENERGY } from "./steps-setup.mjs";
import { PROJECT, shanghaiDate } from "./steps-projects.mjs";
import { download } from "./files.mjs";

const TEAM = "学雷锋志愿服务队";
const GENERAL = `${TEAM} - General`;
const VEST = "志愿者马甲";
const BOT = "学雷锋志愿服务"; // the bot's name in .m365agentsplayground.yml
const YEAR = shanghaiDate(0).slice(0, 4);

/** Moves the bot's test clock: `days` from today at `time` (HH:mm, Asia/Shanghai); null resets it to the real time. */
async function clock(ctx, days = null, time = "10:00") {
  let query = "reset=true";
  if (days !== null) {
    const ms = Date.parse(`${shanghaiDate(days)}T${time}:00+08:00`) - Date.now();
    const whole = Math.floor(ms / 86_400_000);
    query = `offset=${whole}.${new Date(ms - whole * 86_400_000).toISOString().slice(11, 23)}`;
  }
  const response = await fetch(`${ctx.bot}/_dev/clock?${query}`, { method: "POST" });
  if (!response.ok) throw new Error(`the bot's test clock answered HTTP ${response.status} (is it running in Development, local mode?)`);
  return response.json();
}

/** Opens a conversation of the Playground's left pane (the personal chat, or a team channel). */
async function open(chat, name) {
  await chat.page.getByRole("treeitem", { name }).click();
  await chat.page.locator("[contenteditable=true]").first().waitFor();
}

/**
 * What the open channel shows (its posts and the bot's replies), without the Playground's log panel, which echoes
 * the texts sent. Channel posts have no "Message header" rows, so the chat helpers' waits do not apply here.
 */
function channelText(page) {
  return page.evaluate(() => {
    const title = [...document.querySelectorAll("body *")].find((e) => e.childElementCount === 0 && e.textContent.trim() === "Log Panel");
    let panel = title;
    while (panel && !panel.innerText.includes("Click on a log item")) panel = panel.parentElement;
    const all = document.body.innerText;
    return panel ? all.replace(panel.innerText, "") : all;
  });
}

/** Waits until the open channel shows every one of `expect`. */
async function waitInChannel(chat, expect, what, timeoutMs = chat.timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await channelText(chat.page);
    if (expect.every((w) => text.includes(w))) return text;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what} showing ${expect.map((w) => `“${w}”`).join(" and ")}; the channel shows: ${text.replace(/\s+/g, " ").slice(-400)}`);
    await chat.page.waitForTimeout(250);
  }
}

/** Starts a new post in the open channel that @mentions the bot (in a channel the bot hears only what mentions it). */
async function post(chat, text) {
  const box = chat.page.locator("[contenteditable=true]").first();
  await box.click();
  await box.fill(`<at>${BOT}</at> ${text}`);
  await box.press("Enter");
}

/** Picks the option of the choice set `label` whose text contains `text` (the options carry counts and dates). */
async function chooseLike(chat, message, label, text) {
  const field = chat.field(message, label);
  await field.scrollIntoViewIfNeeded();
  const combo = field.getByRole("combobox");
  if (await combo.count()) {
    await combo.first().click();
    const option = chat.page.getByRole("option").filter({ hasText: text }).first();
    const shown = await option.innerText();
    await option.click();
    await chat.page.keyboard.press("Escape").catch(() => {});
    return shown;
  }
  const radio = field.getByRole("radio").filter({ hasText: text }).first();
  await radio.check();
  return radio.innerText().catch(() => text);
}

export const rulesSetup = {
  name: "mechanism rules, before check-in (issue 18)",
  steps: [
    {
      who: "张书记", slug: "committee-imports-roster", title: `imports the roster in the ${TEAM} General channel`,
      run: async (chat) => {
        await open(chat, GENERAL);
        await post(chat, "导入名册");
        await waitInChannel(chat, [`已从“${TEAM}”导入`, "目前在职人员共"], "the roster import's answer");
        return null; // a screenshot of the channel
      },
    },
    {
      who: "张书记", slug: "committee-adds-member", title: "adds 王芳 as a committee member (机关党委成员)",
      run: async (chat) => {
        await open(chat, "Personal Chat");
        const card = await chat.say("机关党委成员", ["机关党委成员", "张书记", "常设成员", "从名册中选择要添加的同志"]);
        await chooseLike(chat, card, "从名册中选择要添加的同志", "王芳");
        return (await chat.tap(card, "添加为机关党委成员", ["已添加 王芳 为机关党委成员"])).message;
      },
    },
    {
      who: "王芳", slug: "member-told", title: "is told she is now a committee member",
      run: (chat) => chat.waitForAny(["张书记 已将您添加为机关党委成员"], "the committee membership notice"),
    },
    {
      who: "张书记", slug: "committee-adds-gear", title: `registers 10 ${VEST} in 装备库存`,
      run: async (chat, ctx) => {
        const card = await chat.say("装备库存", ["装备库存", "新增装备"]);
        await chat.fill(card, "装备名称", VEST);
        await chat.fill(card, "数量", "10");
        return (await chat.tap(card, "新增", [`已新增装备“${VEST}”，共 10 件`])).message;
      },
    },
    {
      who: "李强", slug: "liaison-requests-gear", title: `asks for 4 ${VEST} for ${PROJECT}`,
      run: async (chat) => {
        const form = await chat.say("领取装备", ["领取装备", "志愿服务活动"]);
        await chooseLike(chat, form, "志愿服务活动", PROJECT);
        await chat.fill(form, `${VEST}（在库 10）`, "4");
        return inPlace(await chat.tap(form, "提交申请", ["领取申请已提交"]), "提交申请");
      },
    },
    {
      who: "张书记", slug: "committee-hands-over", title: "gets the request and taps 交付领取",
      run: async (chat) => {
        const notice = await chat.waitForAny(["新的装备领取申请", PROJECT, VEST], "the gear request notice");
        return (await chat.tap(notice, "交付领取", ["已交付领取"])).message;
      },
    },
  ],
};

export const rules = {
  name: "mechanism rules (issue 18)",
  steps: [
    {
      who: "李强", slug: "holder-nudged", title: "gets the return nudge once the return date has passed (test clock)",
      run: async (chat, ctx) => {
        await clock(ctx, 12); // the activity ends in 7 days; the gear is due 3 days later; the nudge comes the day after
        const nudge = await chat.waitForAny(["装备归还提醒", PROJECT, "现已逾期"], "the overdue gear nudge", 120_000);
        for (const button of ["归还", "申请延期"]) {
          if ((await nudge.getByRole("button", { name: button, exact: true }).count()) === 0) throw new Error(`the nudge card should offer “${button}”`);
        }
        return nudge;
      },
    },
    {
      who: "刘洋", slug: "volunteer-logs-more-hours", title: "logs 14 more hours (20 this year in all)",
      run: async (chat) => {
        const form = await chat.say("登记 14 小时 社区敬老志愿服务", ["登记志愿服务时长", "已根据您输入的内容预填"]);
        await chat.fill(form, "服务内容", "金凤区丰庆社区：社区敬老志愿服务（全年累计）");
        return inPlace(await chat.tap(form, "提交登记", ["服务时长已登记", "待联络员确认"]), "提交登记");
      },
    },
    {
      who: "李强", slug: "liaison-confirms-more-hours", title: "confirms the 14 hours in 待确认时长",
      run: async (chat) => {
        const pending = await chat.say("待确认时长", ["待确认时长", "待审核的记录：1 条"]);
        const review = await chat.tap(pending, "审核", ["刘洋", "社区敬老志愿服务", "确认"]);
        return (await chat.tap(review.message, "确认", "已确认，已计入服务时长和积分")).message;
      },
    },
    {
      who: "张书记", slug: "committee-names-outstanding", title: "opens 优秀志愿者评选, names 刘洋 with a reason and publishes",
      run: async (chat) => {
        const board = await chat.say("优秀志愿者评选", [`${YEAR} 年度优秀志愿者评选`, "候选志愿者", "评为优秀志愿者"]);
        const candidate = await chooseLike(chat, board, "候选志愿者", "刘洋");
        if (!/刘洋（节能与综合利用处，20 小时，\d+ 积分）/.test(candidate)) throw new Error(`the candidate list should offer 刘洋 with his 20 hours; it offers “${candidate}”`);
        await chat.fill(board, "评选理由", "全年坚持参加社区敬老志愿服务");
        const named = inPlace(await chat.tap(board, "评为优秀志愿者", ["已将 刘洋 评为优秀志愿者（待发布）"]), "评为优秀志愿者");
        return inPlace(await chat.tap(named, "发布评选结果", ["评选结果已发布：优秀志愿者 1 名"]), "发布评选结果");
      },
    },
    {
      who: "刘洋", slug: "volunteer-honour-certificate", title: "receives the congratulation card and downloads the 荣誉证书 (PDF)",
      run: async (chat, ctx) => {
        const card = await chat.waitForAny([`祝贺您获评 ${YEAR} 年度优秀志愿者`, "全年坚持参加社区敬老志愿服务", "证书编号"], "the congratulation card");
        const file = await download(chat, card, "下载荣誉证书（PDF）");
        if (file.status !== 200) throw new Error(`the honour certificate link answered HTTP ${file.status}`);
        fs.writeFileSync(path.join(ctx.out, "honour-certificate.pdf"), file.bytes);
        if (file.bytes.subarray(0, 5).toString("latin1") !== "%PDF-") throw new Error(`the honour certificate is not a PDF (starts with “${file.bytes.subarray(0, 8).toString("latin1")}”)`);
        return card;
      },
    },
    {
      who: "张书记", slug: "committee-publishes-points", title: `posts 积分公示 to the ${TEAM} General channel`,
      run: async (chat) => {
        const form = await chat.say("积分公示", ["年度积分公示", "同时发布到团队频道（可选）"]);
        await chooseLike(chat, form, "同时发布到团队频道（可选）", `${TEAM} · General`); // the team's name as Teams sends it
        return (await chat.tap(form, "生成积分公示", ["年度积分公示表已生成", `已发布到 ${TEAM} · General`])).message;
      },
    },
    {
      who: "张书记", slug: "channel-shows-publication", title: "sees the publication card in the General channel",
      run: async (chat) => {
        await open(chat, GENERAL);
        await waitInChannel(chat, [`${YEAR} 年度志愿服务积分公示`, "各处室积分前列", ENERGY, "刘洋", "查看完整名单（Excel）"], "the publication card in the channel");
        return null; // a screenshot of the channel
      },
    },
  ],
};

// Issue 16, "Done when": the liaison opens check-in; a volunteer in a second Playground sends `签到 <code>`, then
// taps 签退 (the test clock moved past the end); the liaison confirms; the volunteer's 我的志愿记录 shows the hours.
//
// The walk's project (工业节能宣传进企业, 09:00–12:00 a week from today, 刘洋 signed up) has not happened yet, so the
// bot's test clock (POST /_dev/clock, Development and local mode only, loopback only; docs/checkin.md) is moved to
// the activity's morning and then past its end. It runs last: nothing after it depends on today's date.
import { PROJECT, shanghaiDate } from "./steps-projects.mjs";

/** Sets the bot's clock to `time` (HH:mm, Asia/Shanghai) on the activity's day, a week from today. */
async function clockTo(ctx, time) {
  const target = Date.parse(`${shanghaiDate(7)}T${time}:00+08:00`);
  const ms = target - Date.now();
  const days = Math.floor(ms / 86_400_000);
  const rest = new Date(ms - days * 86_400_000).toISOString().slice(11, 23); // to the millisecond: no truncation to 12:09:59
  const response = await fetch(`${ctx.bot}/_dev/clock?offset=${days}.${rest}`, { method: "POST" });
  if (!response.ok) throw new Error(`the bot's test clock answered HTTP ${response.status} (is it running in Development, local mode?)`);
  return response.json();
}

/** The bot's clock now (test clock included), in milliseconds. */
async function botNow(ctx) {
  const response = await fetch(`${ctx.bot}/_dev/clock`);
  if (!response.ok) throw new Error(`the bot's test clock answered HTTP ${response.status}`);
  return Date.parse((await response.json()).now);
}

/**
 * Runs `act` and returns its result with every minute (HH:mm, Asia/Shanghai) the bot's clock passed through from
 * just before to just after it: the time the bot stamped is exactly one of them, even across a minute boundary.
 */
async function stamped(ctx, act) {
  const from = await botNow(ctx);
  const result = await act();
  const to = await botNow(ctx);
  const format = new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const minutes = [];
  for (let t = from - (from % 60_000); t <= to; t += 60_000) minutes.push(format.format(new Date(t)));
  return { result, minutes };
}

export const checkin = {
  name: "check-in (issue 16)",
  steps: [
    {
      who: "李强", slug: "liaison-opens-checkin", title: "on the activity's morning (08:40) types 开始签到 and gets the code and QR card",
      run: async (chat, ctx) => {
        await clockTo(ctx, "08:40");
        const card = await chat.say("开始签到", [`现场签到：${PROJECT}`, "签到码：", "签到时间：08:30 至 12:00"]);
        const text = await card.innerText();
        const match = /签到码：(\d{3}) (\d{3})/.exec(text);
        if (!match) throw new Error(`the venue card should show a 6-digit code; it shows: ${text.slice(0, 200)}`);
        ctx.checkinCode = match[1] + match[2];
        const qr = card.locator('img[alt*="签到二维码"]');
        if ((await qr.count()) === 0) throw new Error("the venue card should show the QR image");
        const size = await qr.first().evaluate((img) => ({ w: img.naturalWidth, src: img.src.slice(0, 22) }));
        if (size.w < 100 || size.src !== "data:image/png;base64,") throw new Error(`the QR image should be a PNG of at least 100 px; it is ${JSON.stringify(size)}`);
        return card;
      },
    },
    {
      who: "刘洋", slug: "volunteer-checks-in", title: "sends 签到 <code> in his own Playground",
      run: async (chat, ctx) => {
        const { result, minutes } = await stamped(ctx, () => chat.say(`签到 ${ctx.checkinCode}`, ["已签到", PROJECT, "签到时间", "签退"]));
        ctx.checkedInCard = result;
        ctx.checkInMinutes = minutes;
        return ctx.checkedInCard;
      },
    },
    {
      who: "刘洋", slug: "volunteer-checks-in-twice", title: "sends the same code again: nothing changes",
      run: (chat, ctx) => chat.say(`签到 ${ctx.checkinCode}`, ["您已签到，无需重复签到", "08:4"]),
    },
    {
      who: "刘洋", slug: "volunteer-checks-out", title: "taps 签退 at 12:10 (test clock past the end)",
      run: async (chat, ctx) => {
        await clockTo(ctx, "12:10");
        const { result, minutes } = await stamped(ctx, () => chat.tap(ctx.checkedInCard, "签退", ["已签退", "服务时长", "3 小时", "待确认"]));
        ctx.checkOutMinutes = minutes;
        return result.message;
      },
    },
    {
      who: "李强", slug: "liaison-sees-attendance", title: "taps 签到情况 on the venue card: 刘洋 came and left",
      run: async (chat, ctx) => {
        const venue = await chat.waitForAny([`现场签到：${PROJECT}`, "签到情况"], "the venue card");
        // Exactly the minutes the bot's clock showed at 签到 and 签退 (12:10 unless the tap crossed a minute boundary).
        const times = new RegExp(`(${ctx.checkInMinutes.join("|")}) – (${ctx.checkOutMinutes.join("|")})`);
        return (await chat.tap(venue, "签到情况", ["签到情况", "已签到 1 人，已签退 1 人", "刘洋", times])).message;
      },
    },
    {
      who: "李强", slug: "liaison-confirms-checkin-hours", title: "opens 待确认时长 and confirms the activity in one tap",
      run: async (chat) => {
        const pending = await chat.say("待确认时长", ["待确认时长", PROJECT]);
        const card = (await chat.tap(pending, "确认时长", [`时长确认：${PROJECT}`, "刘洋"])).message;
        return (await chat.tap(card, "全部确认", "已确认 1 人，共 3 小时")).message;
      },
    },
    {
      who: "刘洋", slug: "volunteer-sees-checkin-hours", title: "sees the 3 confirmed hours of the activity in 我的志愿记录",
      run: (chat) => chat.say("我的志愿记录", ["刘洋 的志愿记录", PROJECT, /3 小时 · 已确认 · \d+ 积分/]),
    },
  ],
};

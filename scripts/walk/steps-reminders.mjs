// Issue 6, "Done when": in the Playground the committee asks for the digest and gets the card with the
// chart; a forced reminder run delivers the personal reminders.
//
// Reminders go out through the storage queue at Teams' rate, so they arrive a little later: the volunteer's
// chat is polled until the reminder shows (no fixed sleep). 王芳 has served no hours this quarter, so she is
// one who should be reminded.
import { ENERGY } from "./steps-setup.mjs";

export const reminders = {
  name: "reminders (issue 6)",
  steps: [
    {
      who: "张书记", slug: "committee-digest", title: "asks for 季度简报 and gets the card with the chart",
      run: async (chat) => {
        const card = await chat.say("季度简报", [/\d{4}年第[一二三四]季度简报/, "一、活动开展情况", "各处室本季度活动数", ENERGY, "参与率", "人均服务时长"]);
        // The chart is drawn with column sets: each bar is a coloured column. Count the coloured boxes the user sees.
        const bars = await card.locator(".ac-adaptiveCard div").evaluateAll((divs) => divs.filter((d) => {
          const { backgroundColor } = getComputedStyle(d);
          const box = d.getBoundingClientRect();
          return box.width >= 8 && box.height >= 8 && !["rgba(0, 0, 0, 0)", "rgb(255, 255, 255)", "transparent"].includes(backgroundColor);
        }).length);
        if (bars < 1) throw new Error("the digest should draw its chart as coloured bars; none is visible");
        return card;
      },
    },
    {
      who: "王芳", slug: "volunteer-online", title: "has her chat open (she will be reminded)",
      run: (chat) => chat.say("我的志愿记录", ["王芳 的志愿记录", "暂无服务记录"]),
    },
    {
      who: "张书记", slug: "committee-runs-reminders", title: "types 立即提醒 and watches 提醒进度",
      run: async (chat) => {
        await chat.say("立即提醒", /已开始发送本次提醒|刚刚已经开始发送/);
        const status = await chat.say("提醒进度", [/提醒进度：/, "收件人数", "已发送"]);
        return status;
      },
    },
    {
      who: "王芳", slug: "volunteer-gets-reminder", title: "receives her personal quarterly reminder",
      run: (chat) => chat.waitForAny([/第[一二三四]季度志愿服务提醒/, "志愿服务"], "王芳's personal reminder", 120_000),
    },
    {
      who: "李强", slug: "liaison-gets-standing", title: "receives his division's standing",
      run: (chat) => chat.waitForAny(/处室志愿服务提醒/, "李强's liaison reminder", 120_000),
    },
  ],
};

// Issue 5, "Done when": log hours in Chinese, confirm them as liaison, see them in 我的志愿记录 with points;
// download the certificate and the Excel export and open them.
//
// A project's hours need an activity that has already taken place, and the walk's project starts next week; a
// new user's path today is community service where they live (社区志愿服务), which needs a note.
import fs from "node:fs";
import path from "node:path";
import { inPlace } from "./steps-setup.mjs";
import { shanghaiDate } from "./steps-projects.mjs";
import { download, readWorkbook } from "./files.mjs";

const CONTENT = "社区垃圾分类宣传";

export const hours = {
  name: "hours (issue 5)",
  steps: [
    {
      who: "刘洋", slug: "volunteer-logs-hours", title: "types 登记 3 小时 社区垃圾分类宣传 and submits the prefilled card",
      run: async (chat) => {
        const form = await chat.say(`登记 3 小时 ${CONTENT}`, ["登记志愿服务时长", "已根据您输入的内容预填"]);
        const hoursShown = await chat.field(form, "服务时长").locator("input").inputValue();
        if (hoursShown !== "3") throw new Error(`the card should be prefilled with 3 hours; it shows “${hoursShown}”`);
        const content = await chat.field(form, "服务内容").locator("textarea, input").first().inputValue();
        if (!content.includes("垃圾分类")) throw new Error(`the card should be prefilled with the words typed; it shows “${content}”`);
        await chat.fill(form, "服务内容", `金凤区丰庆社区：${CONTENT}`);
        return inPlace(await chat.tap(form, "提交登记", ["服务时长已登记", "待联络员确认"]), "提交登记");
      },
    },
    {
      who: "李强", slug: "liaison-confirms-hours", title: "finds the record in 待确认时长 and confirms it",
      run: async (chat) => {
        const pending = await chat.say("待确认时长", ["待确认时长", "待审核的记录：1 条"]);
        const review = await chat.tap(pending, "审核", ["刘洋", CONTENT, "确认"]);
        return (await chat.tap(review.message, "确认", "已确认，已计入服务时长和积分")).message;
      },
    },
    {
      who: "刘洋", slug: "volunteer-my-record", title: "sees 3 confirmed hours and points in 我的志愿记录",
      run: (chat) => chat.say("我的志愿记录", ["刘洋 的志愿记录", /3 小时 · \d+ 积分/, /3 小时 · 已确认 · \d+ 积分/, "距优秀志愿者标准"]),
    },
    {
      who: "刘洋", slug: "volunteer-certificate", title: "requests a certificate and opens the PDF",
      run: async (chat, ctx) => {
        const form = await chat.say("志愿服务证明", ["申请志愿服务证明", "起始日期"]);
        await chat.fill(form, "起始日期", `${shanghaiDate(0).slice(0, 4)}-01-01`);
        await chat.fill(form, "截止日期", shanghaiDate(0));
        const done = (await chat.tap(form, "生成证明", ["志愿服务证明已生成", "证明编号"])).message;
        const file = await download(chat, done, "下载证明（PDF）");
        if (file.status !== 200) throw new Error(`the certificate link answered HTTP ${file.status}`);
        fs.writeFileSync(path.join(ctx.out, "certificate.pdf"), file.bytes);
        if (file.bytes.subarray(0, 5).toString("latin1") !== "%PDF-") throw new Error(`the certificate is not a PDF (starts with “${file.bytes.subarray(0, 8).toString("latin1")}”)`);
        return done;
      },
    },
    {
      who: "张书记", slug: "committee-exports-records", title: "exports the service records and opens the Excel file",
      run: async (chat, ctx) => {
        const form = await chat.say("导出记录", ["导出志愿服务记录", "起始日期"]);
        await chat.fill(form, "起始日期", `${shanghaiDate(0).slice(0, 4)}-01-01`);
        await chat.fill(form, "截止日期", shanghaiDate(0));
        const done = (await chat.tap(form, "生成文件", ["服务记录已导出", "已确认记录 1 条"])).message;
        const file = await download(chat, done, "下载文件");
        if (file.status !== 200) throw new Error(`the export link answered HTTP ${file.status}`);
        fs.writeFileSync(path.join(ctx.out, "service-records.xlsx"), file.bytes);
        const book = readWorkbook(file.bytes);
        if (!book.sheets.includes("服务记录")) throw new Error(`the workbook should have the sheet 服务记录; it has ${book.sheets.join(", ")}`);
        for (const expected of ["刘洋", CONTENT, "李强"]) {
          if (!book.text.includes(expected)) throw new Error(`the 服务记录 sheet should contain “${expected}”`);
        }
        return done;
      },
    },
  ],
};

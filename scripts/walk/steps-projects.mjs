// Issue 4, "Done when": as liaison, file a project with Chinese text; as committee, return it with a reason,
// then approve it after a refile and enter a declaration number; as volunteer, sign up and cancel; the cards
// update in place.
import { ENERGY, inPlace } from "./steps-setup.mjs";

export const PROJECT = "工业节能宣传进企业";
const RETURN_REASON = "请补充活动地点的具体门牌号";
const DECLARATION = "NX2026-0815";

/** A date `days` from today in Asia/Shanghai, as yyyy-MM-dd (what the date input takes). */
export function shanghaiDate(days) {
  const now = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

export const projects = {
  name: "projects (issue 4)",
  steps: [
    {
      who: "李强", slug: "liaison-files-project", title: "files 工业节能宣传进企业 with Chinese text",
      run: async (chat) => {
        const form = await chat.say("报备项目", ["报备志愿服务项目", "项目名称"]);
        await chat.fill(form, "项目名称", PROJECT);
        await chat.choose(form, "项目类别", "行业特色：工业节能环保");
        await chat.choose(form, "组织方式", "支部自行组织");
        await chat.choose(form, "报备处室", ENERGY);
        await chat.choose(form, "联合申请处室", "政策法规处");
        await chat.fill(form, "开始日期", shanghaiDate(7));
        await chat.fill(form, "开始时间", "09:00");
        await chat.fill(form, "结束时间", "12:00");
        await chat.fill(form, "活动地点", "金凤区工业园区");
        await chat.fill(form, "招募人数", "15");
        await chat.fill(form, "项目简介", "走进园区企业，宣讲工业节能政策，现场解答企业节能改造问题。");
        await chat.check(form, "行业特色志愿服务项目");
        return inPlace(await chat.tap(form, "提交报备", `已报备：${PROJECT}`), "提交报备");
      },
    },
    {
      who: "张书记", slug: "committee-returns-filing", title: "gets the review card and returns the filing with a reason",
      run: async (chat) => {
        // The committee is notified with a review card; the reason field shows only while it awaits review.
        const review = await chat.waitForAny([`待审核：${PROJECT}`, "退回理由", "金凤区工业园区"], "the review card");
        await chat.fill(review, "退回理由", RETURN_REASON);
        return inPlace(await chat.tap(review, "退回", ["已退回（张书记）", RETURN_REASON]), "退回");
      },
    },
    {
      who: "李强", slug: "liaison-refiles", title: "sees the return reason, edits the place and refiles",
      run: async (chat) => {
        await chat.waitForAny([`您报备的项目“${PROJECT}”被机关党委退回`, RETURN_REASON], "the return notice");
        const mine = await chat.say("我的项目", ["本处室志愿服务项目", PROJECT, RETURN_REASON]);
        const opened = await chat.tap(mine, "修改并重新报备", ["修改并重新报备", RETURN_REASON]);
        const form = opened.message;
        await chat.fill(form, "活动地点", "金凤区工业园区管委会3楼会议室");
        return (await chat.tap(form, "重新提交报备", `已报备：${PROJECT}`)).message;
      },
    },
    {
      who: "张书记", slug: "committee-approves", title: "gets the refiled project's review card and approves it",
      run: async (chat) => {
        const review = await chat.waitForAny([`待审核：${PROJECT}`, "上次退回意见", "管委会3楼会议室", "退回理由"], "the new review card");
        return inPlace(await chat.tap(review, "批准", "已批准（张书记）"), "批准");
      },
    },
    {
      who: "张书记", slug: "committee-declaration-number", title: "enters the national system declaration number",
      run: async (chat) => {
        const card = await chat.say("申报编号", ["待填报全国志愿服务信息系统编号", PROJECT]);
        await chat.fill(card, "全国志愿服务信息系统编号", DECLARATION);
        return inPlace(await chat.tap(card, "保存编号", `已保存“${PROJECT}”的编号：${DECLARATION}`), "保存编号");
      },
    },
    {
      who: "李强", slug: "liaison-told-approved", title: "is told the project was approved",
      run: (chat) => chat.waitForAny(`您报备的项目“${PROJECT}”已获机关党委批准（张书记）`, "the approval notice"),
    },
    {
      who: "刘洋", slug: "volunteer-signs-up", title: "gets the announcement and signs up on it",
      run: async (chat, ctx) => {
        // Announcements go out in the background (through the storage queue): wait for it to arrive.
        const announcement = await chat.waitForAny(["新的志愿服务活动开始报名", PROJECT, "报名"], "the announcement", 90_000);
        ctx.signUpCard = inPlace(await chat.tap(announcement, "报名", ["报名成功", "已报名 1/15 人"]), "报名");
        return ctx.signUpCard;
      },
    },
    {
      who: "刘洋", slug: "volunteer-cancels", title: "cancels the sign-up on the same card",
      run: async (chat, ctx) =>
        inPlace(await chat.tap(ctx.signUpCard, "取消报名", ["已取消报名", "已报名 0/15 人"]), "取消报名"),
    },
    {
      who: "刘洋", slug: "volunteer-signs-up-again", title: "signs up again (for the hours and reminders later)",
      run: async (chat, ctx) =>
        inPlace(await chat.tap(ctx.signUpCard, "报名", ["报名成功", "已报名 1/15 人"]), "报名"),
    },
  ],
};

// Setting up the department: the committee adds the divisions, three colleagues register, the committee
// appoints 李强 liaison of 节能与综合利用处.

export const ENERGY = "节能与综合利用处";
export const SME = "中小企业处";

export function inPlace(result, what) {
  if (!result.inPlace) throw new Error(`${what}: the answer came as a new message instead of updating the card in place`);
  return result.message;
}

async function register(chat, { name, division, party }) {
  const card = await chat.say("注册", ["注册学雷锋志愿者", "志愿者权利和义务"]);
  const shownName = await chat.field(card, "姓名").locator("input").inputValue();
  if (shownName !== name) throw new Error(`the registration card should show the name ${name} already filled in; it shows “${shownName}”`);
  await chat.choose(card, "所在处室", division);
  await chat.choose(card, "是否为中共党员", party ? "是" : "否");
  await chat.check(card, "我已阅读并承诺履行");
  await chat.check(card, "我已阅读并同意个人信息处理说明");
  return inPlace(await chat.tap(card, "提交", "注册成功"), "注册");
}

export const setup = {
  name: "setup",
  steps: [
    {
      who: "张书记", slug: "committee-welcome", title: "says 你好 and gets the Chinese welcome card",
      run: (chat) => chat.say("你好", ["张书记，您好！欢迎使用学雷锋志愿服务助手", "注册志愿者"]),
    },
    {
      who: "张书记", slug: "committee-adds-divisions", title: "adds the five divisions of the mechanism",
      run: async (chat) => {
        const card = await chat.say("处室管理", ["处室管理", "添加五个处室"]);
        return inPlace(await chat.tap(card, "添加五个处室", ["已新增", ENERGY, SME]), "添加五个处室");
      },
    },
    {
      who: "李强", slug: "liqiang-registers", title: "registers with 节能与综合利用处",
      run: (chat) => register(chat, { name: "李强", division: ENERGY, party: true }),
    },
    {
      who: "刘洋", slug: "liuyang-registers", title: "registers with 节能与综合利用处",
      run: (chat) => register(chat, { name: "刘洋", division: ENERGY, party: false }),
    },
    {
      who: "王芳", slug: "wangfang-registers", title: "registers with 中小企业处",
      run: (chat) => register(chat, { name: "王芳", division: SME, party: true }),
    },
    {
      who: "张书记", slug: "committee-appoints-liaison", title: "appoints 李强 liaison of 节能与综合利用处",
      run: async (chat) => {
        const chooser = await chat.say("任命联络员", ["任命联络员", "选择处室"]);
        await chat.choose(chooser, "处室", ENERGY);
        const next = await chat.tap(chooser, "下一步", ["选择志愿者"]);
        const card = inPlace(next, "下一步");
        await chat.choose(card, "选择志愿者", "李强");
        return inPlace(await chat.tap(card, "任命", `已任命 李强 为${ENERGY}联络员`), "任命");
      },
    },
    {
      who: "李强", slug: "liqiang-is-liaison", title: "now sees the liaison commands in 帮助",
      run: (chat) => chat.say("帮助", ["处室工作"]), // the role menu folds its groups; 处室工作 is the liaisons' group
    },
  ],
};

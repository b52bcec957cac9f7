// The walkthrough, section by section: what each persona of .m365agentsplayground.yml types and taps, and the
// Chinese text they must then see. The personas: 张书记 (机关党委, committee), 李强 (节能与综合利用处, appointed
// liaison in the walk), 刘洋 (节能与综合利用处, volunteer), 王芳 (中小企业处, volunteer).
//
// Assertions are on what the user reads, so the walk keeps working while the cards' layout changes.
import { setup } from "./steps-setup.mjs";
import { projects } from "./steps-projects.mjs";
import { hours } from "./steps-hours.mjs";
import { reminders } from "./steps-reminders.mjs";
import { checkin } from "./steps-checkin.mjs";
import { rulesSetup, rules } from "./steps-rules.mjs";

export const sections = [setup, projects, hours, reminders, rulesSetup, checkin, rules];

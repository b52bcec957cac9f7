using System.Globalization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>The reminder letters and the committee's run-progress card.</summary>
public static class ReminderCards
{
    public static string KindName(Localizer L, ReminderKind kind) => L["reminder.kind." + kind.Slug()];

    /// <summary>"2026年第四季度" / "Q4 2026": Chinese writes the quarter's number in Chinese numerals.</summary>
    public static string QuarterName(Localizer L, Quarter q) =>
        L.Format("reminder.quarter", q.Year, q.Number is >= 1 and <= 4 ? L["quarter.numeral." + q.Number.ToString(CultureInfo.InvariantCulture)] : q.Number.ToString(CultureInfo.InvariantCulture));

    /// <summary>The volunteer's reminder without the project list (the benchmark sends this one).</summary>
    public static AdaptiveCard VolunteerLetter(Localizer L, ReminderRunContext run) =>
        VolunteerLetterBody(L, run).Action(Act.Execute(L["reminder.action.projects"], ProjectVerbs.ProjectsList));

    public static AdaptiveCard VolunteerLetterBody(Localizer L, ReminderRunContext run) =>
        new AdaptiveCard()
            .Title(L.Format("reminder.volunteer.title", QuarterName(L, run.Quarter)))
            .Text(L["reminder.volunteer.body." + Stage(run.Kind)]);

    /// <summary>Progress and outcome of a run, with 刷新 and (when something failed) 重发失败.</summary>
    public static AdaptiveCard Status(Localizer L, ReminderRunSummary s, TimeZoneInfo zone, string? note = null)
    {
        var local = TimeZoneInfo.ConvertTime(s.CreatedAt, zone);
        var card = new AdaptiveCard()
            .Title(L.Format("reminder.status.title", QuarterName(L, Quarter.TryParse(s.QuarterId, out var q) ? q : default), KindName(L, s.Kind)));
        if (note is not null)
        {
            card.Add(El.Text(note, color: "Good"));
        }

        if (s.Label is { Length: > 0 } label)
        {
            card.Add(El.Text(label, bold: true));
        }

        card.Facts(
            (L["reminder.status.started"], L.Joined(L.DateTime(local), L["reminder.trigger." + s.Trigger])),
            (L["reminder.status.recipients"], s.Recipients.ToString(CultureInfo.InvariantCulture) + (s.FanOutDone ? "" : " " + L["reminder.status.fanningOut"])),
            (L["reminder.status.sent"], s.Sent.ToString(CultureInfo.InvariantCulture)),
            (L["reminder.status.pending"], s.Pending.ToString(CultureInfo.InvariantCulture)),
            (L["reminder.status.failed"], s.Failed.ToString(CultureInfo.InvariantCulture)),
            (L["reminder.status.unreachable"], s.Unreachable.ToString(CultureInfo.InvariantCulture)));
        card.Text(s.Pending == 0 && s.FanOutDone ? L["reminder.status.done"] : L["reminder.status.running"], subtle: true);
        if (s.Unreachable > 0)
        {
            // What the committee can do depends on why: install the app for them, or add them to the team.
            if (s.NotInstalled > 0)
            {
                card.Text(L.Format("reminder.status.notInstalled", s.NotInstalled), subtle: true);
            }

            if (s.NotInTeam > 0)
            {
                card.Text(L.Format("reminder.status.notInTeam", s.NotInTeam), subtle: true);
            }

            if (s.Left > 0)
            {
                card.Text(L.Format("reminder.status.left", s.Left), subtle: true);
            }

            if (s.NotInstalled + s.NotInTeam + s.Left < s.Unreachable)
            {
                card.Text(L["reminder.status.unreachableHint"], subtle: true);
            }
        }

        card.Action(Act.Execute(L["reminder.action.refresh"], ReminderVerbs.ReminderStatus, Act.Data(("runId", s.RunId))));
        if (s.Failed > 0)
        {
            card.Action(Act.Execute(L["reminder.action.resend"], ReminderVerbs.ReminderResend, Act.Data(("runId", s.RunId)), style: "positive"));
        }

        return card;
    }

    private static string Stage(ReminderKind kind) => kind switch
    {
        ReminderKind.KickOff => "kickoff",
        ReminderKind.FinalCall => "final",
        _ => "mid",
    };
}

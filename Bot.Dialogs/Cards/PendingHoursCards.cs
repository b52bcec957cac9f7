using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>An ended activity whose attendance is not yet confirmed: its local end date and the working days left (negative when late).</summary>
public sealed record PendingActivity(Project Project, DateOnly End, int DaysLeft);

/// <summary>待确认工时: the activities awaiting attendance confirmation and the hours records awaiting review.</summary>
public static class PendingHoursCards
{
    public static AdaptiveCard Card(Localizer L, IReadOnlyList<PendingActivity> activities, IReadOnlyList<ServiceRecord> pending, int maxItems, bool more)
    {
        var card = new AdaptiveCard().Title(L["hours.pending.title"]);
        if (activities.Count == 0)
        {
            card.Text(L["hours.pending.noActivities"], subtle: true);
        }

        foreach (var (p, end, left) in activities)
        {
            var line = left >= 0
                ? L.Format("hours.pending.activity", p.Title, L.Date(end), left)
                : L.Format("hours.pending.activityLate", p.Title, L.Date(end), -left);
            card.Add(El.Container([El.Text(line, color: left <= ConfirmationWindow.ConfirmWithin - ConfirmationWindow.NudgeOn ? "Attention" : null),
                El.Actions(Act.Execute(L["hours.pending.open"], HoursVerbs.ActivityOpen, Act.Data((HoursAdminCards.ProjectId, p.Id)), validate: false))], separator: true));
        }

        card.Add(El.Text(L.Format("hours.pending.records", pending.Count), bold: true));
        foreach (var r in pending.Take(maxItems))
        {
            var flag = r.MissingCheckOut ? L.Separator() + L["checkin.pending.noCheckOut"] : "";
            card.Add(El.Container([El.Text(L.Joined(r.VolunteerName, r.ProjectTitle, L.Date(r.Date), $"{HoursRules.Format(r.Hours)} h{flag}"), size: "Small"),
                El.Actions(Act.Execute(L["hours.pending.review"], HoursVerbs.ReviewOpen,
                    Act.Data((HoursAdminCards.Volunteer, r.VolunteerAadObjectId), (HoursAdminCards.RecordId, r.Id)), validate: false))], separator: true));
        }

        if (more)
        {
            card.Text(L.Format("hours.pending.more", maxItems), subtle: true);
        }

        return card;
    }
}

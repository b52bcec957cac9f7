using VolunteerBot.Dialogs.Localization;
using System.Globalization;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>What the viewer of a 报名名单 may do from it (decided by the handler from their role and the project's state).</summary>
public sealed record ProjectRosterActions(bool OpenCheckIn, bool CheckInSheet, bool Cancel, bool Archive);

/// <summary>报名名单: a project's facts, its confirmed and waitlisted volunteers, and the steps the viewer may take.</summary>
public static class ProjectRosterCards
{
    public static AdaptiveCard Card(Turn turn, Project p, IReadOnlyList<SignUp> signUps, IReadOnlyDictionary<string, string> names,
        ProjectRosterActions actions, TimeZoneInfo zone, DateTimeOffset now, string? notice, string? reasonError)
    {
        var L = turn.L;
        var confirmed = signUps.Where(s => s.Status == SignUpStatus.Confirmed).ToList();
        var waitlisted = signUps.Where(s => s.Status == SignUpStatus.Waitlisted).ToList();
        var card = new AdaptiveCard()
            .Title(L.Format("projects.roster.title", p.Title))
            .Add(ProjectCards.Facts(L, p, names, zone, withDeclaration: true))
            .Text(L.Format("projects.detail.status", ProjectCards.Status(L, p, now), confirmed.Count, p.Capacity, waitlisted.Count), subtle: true);
        if (notice is not null)
        {
            card.Add(El.Text(notice, bold: true));
        }

        card.Add(El.Text(L["projects.roster.confirmed"], bold: true));
        card.Text(confirmed.Count == 0 ? L["projects.roster.empty"] : string.Join("\n", confirmed.Select((s, i) => Line(i + 1, s, names))));
        if (waitlisted.Count > 0)
        {
            card.Add(El.Text(L["projects.roster.waitlisted"], bold: true));
            card.Text(string.Join("\n", waitlisted.Select((s, i) => Line(i + 1, s, names))));
        }

        if (p.Status == ProjectStatus.Archived)
        {
            card.Add(El.Text(L.Format("projects.archive.archivedBy", p.ArchivedByName ?? "", p.ArchivedAt is { } at ? L.Date(ProjectCalendar.ToLocal(at, zone)) : ""), subtle: true));
        }

        // Check-in at the venue (签到): opened here by the organising division's liaison or the committee.
        if (actions.OpenCheckIn)
        {
            card.Action(Act.Execute(L["checkin.roster.open"], CheckInVerbs.Open, Act.Data((CheckInCards.ProjectId, p.Id))));
        }

        if (actions.CheckInSheet)
        {
            card.Action(Act.Execute(L["checkin.roster.sheet"], CheckInVerbs.Sheet, Act.Data((CheckInCards.ProjectId, p.Id))));
        }

        if (actions.Cancel)
        {
            card.Add(El.TextInput("cancelReason", L["projects.cancel.reason"], null, maxLength: ProjectRules.ReasonMax, error: reasonError));
            card.Action(Act.Execute(L["projects.cancel.button"], ProjectVerbs.Cancel, Act.Data(("projectId", p.Id)), style: "destructive"));
        }

        if (actions.Archive)
        {
            card.Action(Act.Execute(L["projects.archive.button"], ProjectVerbs.Archive, Act.Data(("projectId", p.Id), ("from", "roster"))));
        }

        return ProjectCards.RefreshFor(card, turn, ProjectVerbs.Roster, Act.Data(("projectId", p.Id)));
    }

    private static string Line(int n, SignUp s, IReadOnlyDictionary<string, string> names) =>
        string.Create(CultureInfo.InvariantCulture, $"{n}. {s.VolunteerName}（{names.GetValueOrDefault(s.DivisionId, s.DivisionId)}）");
}

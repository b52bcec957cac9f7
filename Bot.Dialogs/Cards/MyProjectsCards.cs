using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>我的项目: a liaison's projects with their state, sign-up counts and the next step (edit, respond or roster).</summary>
public static class MyProjectsCards
{
    public static AdaptiveCard Card(Localizer L, IReadOnlyList<(Project P, SignUpCounts Counts)> shown, TimeZoneInfo zone, DateTimeOffset now)
    {
        var card = new AdaptiveCard().Title(L["projects.myProjects.title"]);
        if (shown.Count == 0)
        {
            card.Text(L["projects.myProjects.none"]);
        }

        foreach (var (p, counts) in shown)
        {
            var data = Act.Data(("projectId", p.Id));
            var action = p.Status switch
            {
                ProjectStatus.Returned or ProjectStatus.Filed => Act.Execute(L["projects.myProjects.edit"], ProjectVerbs.FileOpen, data),
                ProjectStatus.Assigned => Act.Execute(L["projects.myProjects.respond"], ProjectVerbs.RespondOpen, data),
                _ => Act.Execute(L["projects.roster.button"], ProjectVerbs.Roster, data),
            };
            card.Add(El.Container(
            [
                El.Text(p.Title, bold: true),
                El.Text(L.Joined(ProjectCards.When(L, p, zone), ProjectCards.Status(L, p, now)), subtle: true),
                p.Status == ProjectStatus.Returned && p.Returns.Count > 0 ? El.Text(L.Format("projects.myProjects.returnReason", p.Returns[^1].Reason), color: "Attention") : null,
                p.IsGoingAhead() ? El.Text(L.Format("projects.myProjects.signUps", counts.Confirmed, p.Capacity, counts.Waitlisted), subtle: true) : null,
                El.Actions(action),
            ], separator: true));
        }

        card.Action(Act.Execute(L["projects.file.title"], ProjectVerbs.FileOpen));
        return card;
    }
}

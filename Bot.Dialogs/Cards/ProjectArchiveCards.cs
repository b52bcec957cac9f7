using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>项目归档: the completed projects, each with what still stands in the way of archiving it (or the archive button).</summary>
public static class ProjectArchiveCards
{
    public static AdaptiveCard List(Localizer L, IReadOnlyList<(Project P, ArchiveBlock Block, HoursOutstanding Hours)> shown, int completed, TimeZoneInfo zone, string? notice)
    {
        var card = new AdaptiveCard().Title(L["projects.archive.title"]);
        if (notice is not null)
        {
            card.Add(El.Text(notice, bold: true));
        }

        card.Text(completed == 0 ? L["projects.archive.none"] : L.Format("projects.archive.count", completed, shown.Count), subtle: true);
        foreach (var (p, block, hours) in shown)
        {
            var data = Act.Data(("projectId", p.Id));
            card.Add(El.Container(
            [
                El.Text(p.Title, bold: true),
                El.Text(L.Joined(ProjectCards.When(L, p, zone), p.Place), subtle: true),
                El.Text(State(L, block, hours), color: block == ArchiveBlock.None ? "Good" : "Attention"),
                block == ArchiveBlock.None
                    ? El.Actions(Act.Execute(L["projects.archive.button"], ProjectVerbs.Archive, data))
                    : El.Actions(Act.Execute(L["projects.roster.button"], ProjectVerbs.Roster, data)),
            ], separator: true));
        }

        card.Action(Act.Execute(L["projects.archive.declarations"], ProjectVerbs.ProjectsDeclarations));
        return card;
    }

    private static string State(Localizer L, ArchiveBlock block, HoursOutstanding hours) => block switch
    {
        ArchiveBlock.AttendanceUnconfirmed => L["projects.archive.state.attendance"],
        ArchiveBlock.HoursPending => L.Format("projects.archive.state.pendingHours", hours.PendingRecords),
        ArchiveBlock.NoDeclaration => L["projects.archive.state.noDeclaration"],
        _ => L["projects.archive.state.ready"],
    };
}

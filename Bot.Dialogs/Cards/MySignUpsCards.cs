using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>我的报名: the volunteer's coming activities, confirmed or waitlisted, each with a button to open it.</summary>
public static class MySignUpsCards
{
    public static AdaptiveCard Card(Turn turn, IReadOnlyList<(Project P, SignUp S)> upcoming, TimeZoneInfo zone)
    {
        var L = turn.L;
        var card = new AdaptiveCard().Title(L["projects.mySignUps.title"]);
        if (upcoming.Count == 0)
        {
            card.Text(L["projects.mySignUps.none"]);
        }

        foreach (var (p, s) in upcoming)
        {
            card.Add(El.Container(
            [
                El.Text(p.Title, bold: true),
                El.Text(L.Joined(ProjectCards.When(L, p, zone), p.Place), subtle: true),
                El.Text(s.Status == SignUpStatus.Confirmed ? L["projects.list.youAreIn"] : L["projects.list.youAreWaitlisted"], subtle: true),
                El.Actions(Act.Execute(L["projects.list.open"], ProjectVerbs.Show, Act.Data(("projectId", p.Id)))),
            ], separator: true));
        }

        card.Action(Act.Execute(L["projects.list.button"], ProjectVerbs.ProjectsList));
        return ProjectCards.RefreshFor(card, turn, ProjectVerbs.ProjectsMine, Act.Data());
    }
}

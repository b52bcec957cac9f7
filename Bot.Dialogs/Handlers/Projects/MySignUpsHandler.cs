using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>我的报名 / my sign-ups: the volunteer's coming activities (confirmed or waitlisted) and recent ones.</summary>
public sealed class MySignUpsHandler(ProjectContext ctx) : ITurnHandler
{
    public const int MaxShown = 10;

    public Route Route { get; } = Route.For(Role.Volunteer, ["我的报名", "my sign-ups", "my signups"], ProjectVerbs.ProjectsMine).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var signUps = (await ctx.SignUps.ListByVolunteerAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false))
            .Where(s => s.Status != SignUpStatus.Cancelled)
            .ToList();
        var card = new AdaptiveCard().Title(L["projects.mySignUps.title"]);
        var rows = new List<(Project P, SignUp S)>();
        foreach (var s in signUps)
        {
            if (await ctx.Projects.GetAsync(s.ProjectId, cancellationToken).ConfigureAwait(false) is { } p && p.Status != ProjectStatus.Cancelled)
            {
                rows.Add((p, s));
            }
        }

        var upcoming = rows.Where(r => r.P.End > ctx.Now).OrderBy(r => r.P.Start).Take(MaxShown).ToList();
        if (upcoming.Count == 0)
        {
            card.Text(L["projects.mySignUps.none"]);
        }

        foreach (var (p, s) in upcoming)
        {
            card.Add(El.Container(
            [
                El.Text(p.Title, bold: true),
                El.Text(ProjectCards.When(L, p, ctx.Zone) + " · " + p.Place, subtle: true),
                El.Text(s.Status == SignUpStatus.Confirmed ? L["projects.list.youAreIn"] : L["projects.list.youAreWaitlisted"], subtle: true),
                El.Actions(Act.Execute(L["projects.list.open"], ProjectVerbs.Show, Act.Data(("projectId", p.Id)))),
            ], separator: true));
        }

        card.Action(Act.Execute(L["projects.list.button"], ProjectVerbs.ProjectsList));
        ProjectCards.RefreshFor(card, turn, ProjectVerbs.ProjectsMine, Act.Data());
        return TurnResult.Answer(turn, card);
    }
}

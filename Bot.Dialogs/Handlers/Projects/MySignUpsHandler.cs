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
        var signUps = (await ctx.SignUps.ListByVolunteerAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false))
            .Where(s => s.Status != SignUpStatus.Cancelled)
            .ToList();
        var rows = new List<(Project P, SignUp S)>();
        foreach (var s in signUps)
        {
            if (await ctx.Projects.GetAsync(s.ProjectId, cancellationToken).ConfigureAwait(false) is { } p && p.Status != ProjectStatus.Cancelled)
            {
                rows.Add((p, s));
            }
        }

        var upcoming = rows.Where(r => r.P.End > ctx.Now).OrderBy(r => r.P.Start).Take(MaxShown).ToList();
        return TurnResult.Answer(turn, MySignUpsCards.Card(turn, upcoming, ctx.Zone));
    }
}

using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>我的资料 / my profile: the volunteer's profile, community report, liaison roles and division history.</summary>
public sealed class ProfileHandler(IVolunteerStore volunteers, IDivisionStore divisions, IOptions<VolunteeringOptions> options) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["我的资料", "个人资料", "my profile", "profile"], TeamVerbs.ProfileShow).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var volunteer = await volunteers.GetAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        if (volunteer is null)
        {
            // The committee passes the role check without registering.
            return Refusal.For(turn, Role.Volunteer);
        }

        var history = await volunteers.GetMembershipsAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        var all = await divisions.ListAsync(includeArchived: true, cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(TeamProfileCards.Profile(turn.L, volunteer, history, all, at => TeamClock.Format(turn.L, at, options.Value)));
    }
}

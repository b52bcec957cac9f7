using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>社区报到 / community (R9): a party member records the residential community they reported to, and when.</summary>
public sealed class CommunityHandler(IVolunteerStore volunteers, IDivisionStore divisions, TimeProvider time, IOptions<VolunteeringOptions> options) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["社区报到", "community"], TeamVerbs.CommunityOpen, TeamVerbs.CommunitySubmit).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var volunteer = await volunteers.GetAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        if (volunteer is null)
        {
            return Refusal.For(turn, Role.Volunteer);
        }

        if (!volunteer.IsPartyMember)
        {
            return TurnResult.Replace(TeamProfileCards.NotPartyMember(L));
        }

        if (turn.Verb != TeamVerbs.CommunitySubmit)
        {
            var values = new Dictionary<string, string>
            {
                [TeamProfileCards.CommunityName] = volunteer.Community ?? turn.Arguments,
                [TeamProfileCards.CommunityDate] = volunteer.CommunityReportedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            };
            return TurnResult.Replace(TeamProfileCards.CommunityForm(L, new CardData(values)));
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (TeamInputText.CheckLine(L, turn.Data.Raw(TeamProfileCards.CommunityName), TeamInput.CommunityMax) is { } nameError)
        {
            errors[TeamProfileCards.CommunityName] = nameError;
        }

        var today = TeamClock.Today(time, options.Value);
        var date = turn.Data.GetDate(TeamProfileCards.CommunityDate);
        if (date is null || date > today)
        {
            errors[TeamProfileCards.CommunityDate] = L["team.error.date"];
        }

        if (errors.Count > 0)
        {
            return TurnResult.Replace(TeamProfileCards.CommunityForm(L, turn.Data, errors));
        }

        var updated = await volunteers.SetCommunityAsync(volunteer.AadObjectId, turn.Data.Get(TeamProfileCards.CommunityName)!, date!.Value,
            time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var history = await volunteers.GetMembershipsAsync(volunteer.AadObjectId, cancellationToken).ConfigureAwait(false);
        var all = await divisions.ListAsync(includeArchived: true, cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(TeamProfileCards.Profile(L, updated ?? volunteer, history, all, at => TeamClock.Format(L, at, options.Value), L["team.community.done"]));
    }
}

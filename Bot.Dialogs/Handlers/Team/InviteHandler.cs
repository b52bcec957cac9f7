using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>
/// 邀请注册 / invite (committee): after a confirmation, sends a polite registration invitation to every
/// imported staff member who has not registered and has a personal chat with the bot. Anyone invited in the
/// last 24 hours is not invited again, so a second tap sends nothing twice. The committee sees the counts.
/// </summary>
public sealed class InviteHandler(ITeamRosterSource roster, IStaffStore staff, IVolunteerStore volunteers, LanguageResolver languages, TimeProvider time) : ITurnHandler
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromHours(24);

    public Route Route { get; } = Route.For(Role.Committee, ["邀请注册", "invite", "invite staff"], TeamVerbs.StaffInvite, TeamVerbs.StaffInviteSend).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var registered = (await volunteers.ListAllAsync(cancellationToken).ConfigureAwait(false))
            .Select(v => v.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unregistered = (await staff.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => !registered.Contains(s.AadObjectId) && s.OptedOutAt is null && s.LeftAt is null).ToList();
        if (turn.Verb != TeamVerbs.StaffInviteSend)
        {
            return TurnResult.Replace(TeamStaffCards.InviteConfirm(turn.L, unregistered.Count));
        }

        var now = time.GetUtcNow();
        var result = new TurnResult();
        var invited = new List<string>();
        int unreachable = 0, recent = 0;
        foreach (var person in unregistered)
        {
            if (person.LastInvitedAt is { } last && now - last < QuietPeriod)
            {
                recent++;
                continue;
            }

            if (!await roster.CanReachAsync(person.AadObjectId, cancellationToken).ConfigureAwait(false))
            {
                unreachable++;
                continue;
            }

            var L = Localizer.For(await languages.ResolveAsync(person.AadObjectId, cancellationToken).ConfigureAwait(false));
            result.Notify(person.AadObjectId, TeamStaffCards.Invitation(L, person.Name), $"invite:{person.AadObjectId}:{now:yyyyMMdd}");
            invited.Add(person.AadObjectId);
        }

        if (invited.Count > 0)
        {
            await staff.MarkInvitedAsync(invited, now, cancellationToken).ConfigureAwait(false);
        }

        return result.WithCardUpdate(TeamStaffCards.InviteResult(turn.L, invited.Count, unreachable, recent));
    }
}

using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>
/// 邀请注册 / invite (committee): after a confirmation, sends a polite registration invitation to every active
/// imported staff member who has not registered, through the durable path (a 1:1 chat is created from the roster's
/// Teams id when there is none). Anyone invited in the last 30 days is not invited again unless the committee chooses
/// "send again"; a second tap sends nothing twice. The committee sees the counts; the digest shows invited / registered since.
/// </summary>
public sealed class InviteHandler(ITeamRosterSource roster, IStaffStore staff, IVolunteerStore volunteers, TimeProvider time) : ITurnHandler
{
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromDays(30);

    public Route Route { get; } = Route.For(Role.Committee, ["邀请注册", "invite", "invite staff"], TeamVerbs.StaffInvite, TeamVerbs.StaffInviteSend, TeamVerbs.StaffInviteAgain).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var registered = (await volunteers.ListAllAsync(cancellationToken).ConfigureAwait(false))
            .Select(v => v.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var unregistered = (await staff.ListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => s.IsActive && s.OptedOutAt is null && !registered.Contains(s.AadObjectId)).ToList();
        var again = turn.Verb == TeamVerbs.StaffInviteAgain;
        if (turn.Verb != TeamVerbs.StaffInviteSend && !again)
        {
            return TurnResult.Replace(TeamStaffCards.InviteConfirm(turn.L, unregistered.Count));
        }

        var now = time.GetUtcNow();
        var result = new TurnResult();
        var invited = new List<string>();
        int unreachable = 0, recent = 0;
        foreach (var person in unregistered)
        {
            if (!again && person.LastInvitedAt is { } last && now - last < QuietPeriod)
            {
                recent++;
                continue;
            }

            // Reachable: a chat exists, or one can be created from the roster's Teams id (no create refused so far).
            var creatable = person.TeamsUserId is not null && person.UnreachableReason is null;
            if (!creatable && !await roster.CanReachAsync(person.AadObjectId, cancellationToken).ConfigureAwait(false))
            {
                unreachable++;
                continue;
            }

            result.Notify(person.AadObjectId, L => TeamStaffCards.Invitation(L, person.Name), $"invite:{person.AadObjectId}:{now:yyyyMMddHHmm}");
            invited.Add(person.AadObjectId);
        }

        if (invited.Count > 0)
        {
            await staff.MarkInvitedAsync(invited, now, cancellationToken).ConfigureAwait(false);
        }

        return result.WithCardUpdate(TeamStaffCards.InviteResult(turn.L, invited.Count, unreachable, recent));
    }
}

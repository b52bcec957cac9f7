using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>
/// 机关党委成员 / committee members (R2, committee only): lists the committee — configuration members as permanent — adds a
/// colleague from the staff roster and removes one added in chat. At least one member always remains. Every change goes to
/// the audit trail, the person concerned is told (in their language), and this instance's role cache is refreshed at once
/// (other instances within 30 s).
/// </summary>
public sealed class CommitteeMembersHandler(
    CommitteeDirectory directory,
    ICommitteeStore store,
    IStaffStore staff,
    IVolunteerStore volunteers,
    IAuditTrail audit,
    TimeProvider time,
    IOptions<VolunteeringOptions> options) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["机关党委成员", "党委成员", "committee members"], CommitteeCards.ShowVerb, CommitteeCards.AddVerb, CommitteeCards.RemoveVerb).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var now = time.GetUtcNow();
        var result = new TurnResult();
        string? notice = null, error = null;
        var roster = await staff.ListAsync(cancellationToken).ConfigureAwait(false);
        if (turn.Verb == CommitteeCards.AddVerb)
        {
            var id = turn.Data.Get(CommitteeCards.CandidateKey);
            var person = roster.FirstOrDefault(s => string.Equals(s.AadObjectId, id, StringComparison.OrdinalIgnoreCase));
            if (person is null)
            {
                error = L["committee.error.candidate"];
            }
            else if (directory.BootstrapIds.Contains(person.AadObjectId, StringComparer.OrdinalIgnoreCase))
            {
                notice = L.Format("committee.already", person.Name);
            }
            else
            {
                var actor = await ActorAsync(turn, cancellationToken).ConfigureAwait(false);
                var added = await store.AddAsync(new CommitteeMember(person.AadObjectId, person.Name, false, actor, now), cancellationToken).ConfigureAwait(false);
                directory.Invalidate();
                notice = L.Format(added ? "committee.added" : "committee.already", person.Name);
                if (added)
                {
                    await audit.AddAsync(new AuditEvent(now, turn.User.AadObjectId, actor, AuditActions.CommitteeAdded, person.AadObjectId, person.Name), cancellationToken).ConfigureAwait(false);
                    result.Notify(person.AadObjectId, theirs => theirs.Format("committee.notice.added", person.Name, actor), $"committee-added-{person.AadObjectId}-{now.UtcTicks}");
                }
            }
        }
        else if (turn.Verb == CommitteeCards.RemoveVerb && turn.Data.Get(CommitteeCards.MemberKey) is { } memberId)
        {
            var stored = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            var member = stored.FirstOrDefault(m => string.Equals(m.AadObjectId, memberId, StringComparison.OrdinalIgnoreCase));
            if (directory.BootstrapIds.Contains(memberId, StringComparer.OrdinalIgnoreCase))
            {
                error = L["committee.error.bootstrap"];
            }
            else if (member is null)
            {
                notice = L["committee.notMember"];
            }
            else
            {
                var outcome = await store.RemoveAsync(memberId, keepOne: directory.BootstrapIds.Count == 0, cancellationToken).ConfigureAwait(false);
                directory.Invalidate();
                if (outcome == CommitteeRemoval.LastMember)
                {
                    error = L["committee.error.last"];
                }
                else if (outcome == CommitteeRemoval.Removed)
                {
                    var actor = await ActorAsync(turn, cancellationToken).ConfigureAwait(false);
                    notice = L.Format("committee.removed", member.Name);
                    await audit.AddAsync(new AuditEvent(now, turn.User.AadObjectId, actor, AuditActions.CommitteeRemoved, member.AadObjectId, member.Name), cancellationToken).ConfigureAwait(false);
                    result.Notify(member.AadObjectId, theirs => theirs.Format("committee.notice.removed", member.Name, actor), $"committee-removed-{member.AadObjectId}-{now.UtcTicks}");
                }
                else
                {
                    notice = L["committee.notMember"];
                }
            }
        }

        var members = await MembersAsync(roster, cancellationToken).ConfigureAwait(false);
        var ids = members.Select(m => m.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var candidates = roster.Where(s => !ids.Contains(s.AadObjectId)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
        var mayRemove = directory.BootstrapIds.Count > 0 || members.Count(m => !m.Bootstrap) > 1;
        return result.WithCardUpdate(CommitteeCards.Members(L, members, candidates, mayRemove, at => TeamClock.Format(L, at, options.Value), notice, error, noRoster: roster.Count == 0));
    }

    private async Task<IReadOnlyList<CommitteeMember>> MembersAsync(IReadOnlyList<StaffRecord> roster, CancellationToken ct)
    {
        var list = new List<CommitteeMember>();
        foreach (var id in directory.BootstrapIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var name = roster.FirstOrDefault(s => string.Equals(s.AadObjectId, id, StringComparison.OrdinalIgnoreCase))?.Name
                ?? (await volunteers.GetAsync(id, ct).ConfigureAwait(false))?.Name
                ?? id;
            list.Add(new CommitteeMember(id, name, Bootstrap: true));
        }

        list.AddRange(await directory.StoredAsync(ct).ConfigureAwait(false));
        return list;
    }

    private async Task<string> ActorAsync(Turn turn, CancellationToken ct) =>
        (await volunteers.GetAsync(turn.User.AadObjectId, ct).ConfigureAwait(false))?.Name ?? turn.User.Name;
}

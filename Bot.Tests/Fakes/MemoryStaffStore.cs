using System.Collections.Concurrent;
using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory IStaffStore (unit tests only); runs the same contract suite as StaffTableStore.</summary>
public sealed class MemoryStaffStore : IStaffStore
{
    public ConcurrentDictionary<string, StaffRecord> Records { get; } = new(StringComparer.Ordinal);

    public Task<StaffImportResult> ImportAsync(string teamId, IReadOnlyList<StaffMember> members, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (Records)
        {
            var (changed, result) = StaffRoster.Import([.. Records.Values], teamId, members, at);
            foreach (var r in changed)
            {
                // As the table's merge: an invitation, opt-out or unreachable stamp written meanwhile is kept.
                Records[r.AadObjectId] = Records.TryGetValue(r.AadObjectId, out var old)
                    ? r with { LastInvitedAt = old.LastInvitedAt, OptedOutAt = old.OptedOutAt, UnreachableReason = old.UnreachableReason, UnreachableAt = old.UnreachableAt }
                    : r;
            }

            return Task.FromResult(result);
        }
    }

    public Task<StaffRecord?> GetAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Task.FromResult(Records.TryGetValue(aadObjectId, out var r) ? r : null);

    public Task MarkUnreachableAsync(string aadObjectId, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (Records)
        {
            if (Records.TryGetValue(aadObjectId, out var r))
            {
                Records[aadObjectId] = r with { UnreachableReason = reason, UnreachableAt = reason is null ? null : at };
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StaffRecord>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StaffRecord>>(Records.Values.OrderBy(r => r.AadObjectId, StringComparer.Ordinal).ToList());

    public Task MarkOptedOutAsync(string aadObjectId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Records.AddOrUpdate(aadObjectId, _ => new StaffRecord { AadObjectId = aadObjectId, Name = "", OptedOutAt = at }, (_, r) => r with { OptedOutAt = at });
        return Task.CompletedTask;
    }

    public Task MarkInvitedAsync(IReadOnlyCollection<string> aadObjectIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var id in aadObjectIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            Records.AddOrUpdate(id, _ => new StaffRecord { AadObjectId = id, Name = "", LastInvitedAt = at }, (_, r) => r with { LastInvitedAt = at });
        }

        return Task.CompletedTask;
    }
}

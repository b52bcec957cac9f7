using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>
/// Who is on the committee: configuration members (no I/O) and the members added in chat, cached per instance. The
/// cache is refreshed when this instance changes the membership and is never older than <see cref="MaxAge"/>, so a
/// change made on another instance applies there within 30 seconds, and role resolution adds no storage request to a
/// turn (one list read per instance per 30 s at most).
/// </summary>
public sealed class CommitteeDirectory(IOptions<VolunteeringOptions> options, TimeProvider time, ICommitteeStore? store = null)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(IReadOnlyList<CommitteeMember> Stored, HashSet<string> Ids, DateTimeOffset LoadedAt);

    public IReadOnlyList<string> BootstrapIds => [.. options.Value.CommitteeAadObjectIds.Where(id => !string.IsNullOrWhiteSpace(id))];

    public async ValueTask<bool> IsCommitteeAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        if (options.Value.IsCommittee(aadObjectId))
        {
            return true;
        }

        return store is not null && (await CurrentAsync(cancellationToken).ConfigureAwait(false)).Ids.Contains(aadObjectId);
    }

    /// <summary>The members added in chat (not the configuration ones), as cached.</summary>
    public async Task<IReadOnlyList<CommitteeMember>> StoredAsync(CancellationToken cancellationToken) =>
        store is null ? [] : (await CurrentAsync(cancellationToken).ConfigureAwait(false)).Stored;

    /// <summary>Every committee member's id: configuration first, then those added in chat (recipients of committee notices).</summary>
    public async Task<IReadOnlyList<string>> AllIdsAsync(CancellationToken cancellationToken)
    {
        var stored = await StoredAsync(cancellationToken).ConfigureAwait(false);
        return BootstrapIds.Concat(stored.Select(m => m.AadObjectId)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Drops the cache after a change made through this instance.</summary>
    public void Invalidate() => _snapshot = null;

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var snap = _snapshot;
        if (snap is not null && time.GetUtcNow() - snap.LoadedAt < MaxAge)
        {
            return snap;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            snap = _snapshot;
            if (snap is not null && time.GetUtcNow() - snap.LoadedAt < MaxAge)
            {
                return snap;
            }

            var at = time.GetUtcNow();
            var stored = await store!.ListAsync(cancellationToken).ConfigureAwait(false);
            snap = new Snapshot(stored, stored.Select(m => m.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase), at);
            _snapshot = snap;
            return snap;
        }
        finally
        {
            _gate.Release();
        }
    }
}

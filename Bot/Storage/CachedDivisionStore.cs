using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Storage;

/// <summary>
/// The divisions list kept in memory per instance: every turn resolves liaison roles from it, so without the copy
/// each turn would query the table. A change made through this instance drops the copy at once; changes made on
/// other instances show within <see cref="MaxAge"/>. One refresh runs at a time; a refresh that started before a
/// change is not kept. Single divisions are answered from a fresh copy too; writes always go to the table.
/// </summary>
public sealed class CachedDivisionStore(DivisionTableStore inner, TimeProvider time) : IDivisionStore
{
    /// <summary>How old the copy may be before a read goes to the table again (changes from other instances).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private Snapshot? _snapshot;
    private Task<Snapshot>? _refresh;
    private long _generation;

    public async Task<Division?> GetAsync(string divisionId, CancellationToken cancellationToken)
    {
        var snapshot = Fresh();
        if (snapshot is not null && snapshot.ById.TryGetValue(divisionId, out var division))
        {
            return division;
        }

        return await inner.GetAsync(divisionId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Division>> ListAsync(bool includeArchived, CancellationToken cancellationToken)
    {
        var snapshot = Fresh() ?? await RefreshAsync(cancellationToken).ConfigureAwait(false);
        return includeArchived ? snapshot.All : snapshot.Current;
    }

    public Task<DivisionChange> CreateAsync(string name, DateTimeOffset at, CancellationToken cancellationToken) =>
        ChangeAsync(inner.CreateAsync(name, at, cancellationToken));

    public Task<DivisionChange> RenameAsync(string divisionId, string newName, CancellationToken cancellationToken) =>
        ChangeAsync(inner.RenameAsync(divisionId, newName, cancellationToken));

    public Task<DivisionChange> SetArchivedAsync(string divisionId, bool archived, CancellationToken cancellationToken) =>
        ChangeAsync(inner.SetArchivedAsync(divisionId, archived, cancellationToken));

    public Task<DivisionChange> AddLiaisonAsync(string divisionId, string aadObjectId, CancellationToken cancellationToken) =>
        ChangeAsync(inner.AddLiaisonAsync(divisionId, aadObjectId, cancellationToken));

    public Task<DivisionChange> RemoveLiaisonAsync(string divisionId, string aadObjectId, CancellationToken cancellationToken) =>
        ChangeAsync(inner.RemoveLiaisonAsync(divisionId, aadObjectId, cancellationToken));

    private async Task<DivisionChange> ChangeAsync(Task<DivisionChange> change)
    {
        try
        {
            return await change.ConfigureAwait(false);
        }
        finally
        {
            // Whatever happened (even a failure may have written), the next read goes to the table.
            lock (_gate)
            {
                _generation++;
                _snapshot = null;
                _refresh = null;
            }
        }
    }

    private Snapshot? Fresh()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        return snapshot is not null && time.GetUtcNow() - snapshot.ReadAt < MaxAge ? snapshot : null;
    }

    private Task<Snapshot> RefreshAsync(CancellationToken cancellationToken)
    {
        Task<Snapshot> refresh;
        lock (_gate)
        {
            if (Fresh() is { } fresh)
            {
                return Task.FromResult(fresh);
            }

            // A failed refresh is not shared with later callers: they start their own.
            if (_refresh is null || _refresh.IsFaulted || _refresh.IsCanceled)
            {
                _refresh = LoadAsync(_generation);
            }

            refresh = _refresh;
        }

        return refresh.WaitAsync(cancellationToken);
    }

    private async Task<Snapshot> LoadAsync(long generation)
    {
        // Not the caller's token: other turns wait on the same read.
        var readAt = time.GetUtcNow();
        var all = await inner.ListAsync(includeArchived: true, CancellationToken.None).ConfigureAwait(false);
        var snapshot = new Snapshot(readAt, [.. all]);
        lock (_gate)
        {
            if (_generation == generation)
            {
                _snapshot = snapshot;
                _refresh = null;
            }
        }

        return snapshot;
    }

    private sealed class Snapshot
    {
        public Snapshot(DateTimeOffset readAt, Division[] all)
        {
            ReadAt = readAt;
            All = all;
            Current = Array.FindAll(all, d => !d.Archived);
            var byId = new Dictionary<string, Division>(StringComparer.Ordinal);
            foreach (var d in all)
            {
                byId.TryAdd(d.Id, d);
            }

            ById = byId;
        }

        public DateTimeOffset ReadAt { get; }

        public IReadOnlyList<Division> All { get; }

        public IReadOnlyList<Division> Current { get; }

        public IReadOnlyDictionary<string, Division> ById { get; }
    }
}

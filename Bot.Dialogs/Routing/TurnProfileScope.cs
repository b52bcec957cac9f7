using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Dialogs.Routing;

/// <summary>
/// The acting user's profile as the turn read it (<see cref="TurnUserResolver"/>), kept for the rest of that turn so a
/// handler asking <see cref="IVolunteerStore.GetAsync"/> for the same user costs no second read. The host opens one
/// scope per activity; saving a profile forgets it (see <see cref="TurnScopedVolunteerStore"/>). Work that outlives the
/// turn sees nothing once the scope is disposed.
/// </summary>
public sealed class TurnProfileScope : IDisposable
{
    private static readonly AsyncLocal<TurnProfileScope?> Scope = new();
    private readonly Lock _gate = new();
    private string? _aadObjectId;
    private Volunteer? _profile;
    private bool _closed;

    private TurnProfileScope()
    {
    }

    public static TurnProfileScope? Current => Scope.Value;

    /// <summary>Opens the scope for the calling flow (the turn).</summary>
    public static TurnProfileScope Begin() => Scope.Value = new TurnProfileScope();

    public void Remember(string aadObjectId, Volunteer? profile)
    {
        lock (_gate)
        {
            if (!_closed)
            {
                (_aadObjectId, _profile) = (aadObjectId, profile);
            }
        }
    }

    public bool TryGet(string aadObjectId, out Volunteer? profile)
    {
        lock (_gate)
        {
            var known = !_closed && _aadObjectId is not null && string.Equals(_aadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase);
            profile = known ? _profile : null;
            return known;
        }
    }

    public void Forget()
    {
        lock (_gate)
        {
            (_aadObjectId, _profile) = (null, null);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            (_aadObjectId, _profile) = (null, null);
        }

        if (Scope.Value == this)
        {
            Scope.Value = null;
        }
    }
}

/// <summary>
/// <see cref="IVolunteerStore"/> that answers the acting user's profile from the turn's <see cref="TurnProfileScope"/>
/// and passes everything else to the store it wraps; a save forgets the remembered profile before and after writing.
/// </summary>
public sealed class TurnScopedVolunteerStore(IVolunteerStore inner) : IVolunteerStore
{
    public Task<Volunteer?> GetAsync(string aadObjectId, CancellationToken cancellationToken) =>
        TurnProfileScope.Current is { } scope && scope.TryGet(aadObjectId, out var profile)
            ? Task.FromResult(profile)
            : inner.GetAsync(aadObjectId, cancellationToken);

    public Task<IReadOnlyList<Volunteer>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken) =>
        inner.ListByDivisionAsync(divisionId, cancellationToken);

    public Task<IReadOnlyList<Volunteer>> ListAllAsync(CancellationToken cancellationToken) => inner.ListAllAsync(cancellationToken);

    public Task<IReadOnlyList<DivisionMembership>> GetMembershipsAsync(string aadObjectId, CancellationToken cancellationToken) =>
        inner.GetMembershipsAsync(aadObjectId, cancellationToken);

    public async Task<VolunteerSaved> SaveAsync(VolunteerProfile profile, DateTimeOffset at, DateOnly today, CancellationToken cancellationToken)
    {
        TurnProfileScope.Current?.Forget();
        try
        {
            return await inner.SaveAsync(profile, at, today, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TurnProfileScope.Current?.Forget();
        }
    }

    public async Task<bool> EraseAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        TurnProfileScope.Current?.Forget();
        return await inner.EraseAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Volunteer?> SetCommunityAsync(string aadObjectId, string community, DateOnly reportedOn, DateTimeOffset at, CancellationToken cancellationToken)
    {
        TurnProfileScope.Current?.Forget();
        try
        {
            return await inner.SetCommunityAsync(aadObjectId, community, reportedOn, at, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TurnProfileScope.Current?.Forget();
        }
    }
}

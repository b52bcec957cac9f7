using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory IServiceRecordConfirmationStore (unit tests only); same contract suite as the table store.</summary>
public sealed class MemoryServiceRecordConfirmationStore : IServiceRecordConfirmationStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ActivityConfirmation> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _decided = new(StringComparer.Ordinal);

    public Task<ActivityConfirmation> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Current(projectId));
        }
    }

    public Task<bool> TryClaimCardAsync(string projectId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Claim(projectId, c => c.CardSentAt is null, c => c with { CardSentAt = at });

    public Task<bool> TryClaimNudgeAsync(string projectId, DateTimeOffset at, CancellationToken cancellationToken) =>
        Claim(projectId, c => c.NudgedAt is null, c => c with { NudgedAt = at });

    public Task MarkConfirmedAsync(string projectId, Actor by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _items[projectId] = Current(projectId) with { ConfirmedAt = at, ConfirmedByName = by.Name };
            return Task.CompletedTask;
        }
    }

    public Task MarkDecidedAsync(string projectId, IReadOnlyCollection<string> volunteerAadObjectIds, Actor by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_decided.TryGetValue(projectId, out var set))
            {
                _decided[projectId] = set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            set.UnionWith(volunteerAadObjectIds);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlySet<string>> ListDecidedAsync(string projectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlySet<string>>(new HashSet<string>(_decided.GetValueOrDefault(projectId) ?? [], StringComparer.OrdinalIgnoreCase));
        }
    }

    private ActivityConfirmation Current(string projectId) =>
        _items.GetValueOrDefault(projectId) ?? new ActivityConfirmation(projectId, null, null, null, null);

    private Task<bool> Claim(string projectId, Func<ActivityConfirmation, bool> free, Func<ActivityConfirmation, ActivityConfirmation> claim)
    {
        lock (_gate)
        {
            var current = Current(projectId);
            if (!free(current))
            {
                return Task.FromResult(false);
            }

            _items[projectId] = claim(current);
            return Task.FromResult(true);
        }
    }
}

using VolunteerBot.Dialogs.Domain.Audit;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory IAuditTrail (unit tests only); runs the same contract suite as AuditTrailTableStore.</summary>
public sealed class MemoryAuditTrail : IAuditTrail
{
    private readonly List<AuditEvent> _events = [];

    public Task AddAsync(AuditEvent entry, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            _events.Add(entry);
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<AuditEvent>> ListAsync(string actionPrefix, int max, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            return Task.FromResult<IReadOnlyList<AuditEvent>>(
                [.. _events.Where(e => e.Action.StartsWith(actionPrefix, StringComparison.Ordinal)).OrderByDescending(e => e.At).Take(max)]);
        }
    }
}

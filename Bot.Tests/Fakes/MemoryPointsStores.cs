using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory IPointsRulesStore (unit tests only); runs the same contract suite as PointsRulesTableStore.</summary>
public sealed class MemoryPointsRulesStore : IPointsRulesStore
{
    private readonly List<PointsRules> _history = [];

    /// <summary>Every saved version, oldest first (the table keeps them as history rows).</summary>
    public IReadOnlyList<PointsRules> History
    {
        get
        {
            lock (_history)
            {
                return [.. _history];
            }
        }
    }

    public Task<PointsRules> GetAsync(CancellationToken cancellationToken)
    {
        lock (_history)
        {
            return Task.FromResult(_history.Count == 0 ? PointsRules.Default : _history[^1]);
        }
    }

    public Task SaveAsync(PointsRules rules, CancellationToken cancellationToken)
    {
        _ = rules.ChangedAt ?? throw new ArgumentException("Rules carry who changed them and when.", nameof(rules));
        lock (_history)
        {
            _history.Add(rules);
            return Task.CompletedTask;
        }
    }
}

/// <summary>The one in-memory IPointsLedgerStore (unit tests only); runs the same contract suite as PointsLedgerTableStore.</summary>
public sealed class MemoryPointsLedgerStore : IPointsLedgerStore
{
    private readonly Dictionary<(int Year, string Id), LedgerEntry> _entries = [];

    public Task RecordAsync(int year, LedgerEntry entry, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            _entries[(year, entry.Exchange.Id)] = entry;
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<LedgerEntry>> ListYearAsync(int year, CancellationToken cancellationToken)
    {
        lock (_entries)
        {
            return Task.FromResult<IReadOnlyList<LedgerEntry>>(_entries.Where(kv => kv.Key.Year == year).Select(kv => kv.Value).OrderByDescending(l => l.Exchange.At).ToList());
        }
    }
}

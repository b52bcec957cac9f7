using VolunteerBot.Dialogs.Domain.Gear;

namespace VolunteerBot.Tests.Fakes;

/// <summary>
/// The one in-memory IGearStore (unit tests only); runs the same contract suite as GearTableStore. A loan and the item
/// counts it moves change together under one lock, with the table store's checks (never negative, never above the total);
/// a loan update writes only over the loan it read, as the ETag does, and otherwise runs the rule again.
/// </summary>
public sealed class MemoryGearStore : IGearStore
{
    private const int MaxAttempts = 50;
    private readonly object _gate = new();
    private readonly Dictionary<string, GearItem> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GearLoan> _loans = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<GearItem>> ListItemsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<GearItem>>([.. _items.Values.OrderBy(i => i.Name, StringComparer.Ordinal)]);
        }
    }

    public Task<GearItem?> GetItemAsync(string itemId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_items.GetValueOrDefault(itemId));
        }
    }

    public Task<GearItemChange> AddItemAsync(string name, int total, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        lock (_gate)
        {
            var existing = _items.Values.FirstOrDefault(i => GearNames.Normalize(i.Name) == GearNames.Normalize(name));
            if (existing is not null)
            {
                return Task.FromResult(new GearItemChange(existing, GearItemError.NameTaken));
            }

            var item = new GearItem { Id = GearItem.NewId(), Name = name.Trim(), Total = total, Available = total, UpdatedAt = at };
            _items[item.Id] = item;
            return Task.FromResult(new GearItemChange(item, null));
        }
    }

    public Task<GearItemChange> SetTotalAsync(string itemId, int total, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(itemId, out var item))
            {
                return Task.FromResult(new GearItemChange(null, GearItemError.NotFound));
            }

            if (total < item.Out)
            {
                return Task.FromResult(new GearItemChange(item, GearItemError.BelowOut));
            }

            if (total == item.Total)
            {
                return Task.FromResult(new GearItemChange(item, null));
            }

            var after = item with { Total = total, Available = item.Available + (total - item.Total), UpdatedAt = at };
            _items[itemId] = after;
            return Task.FromResult(new GearItemChange(after, null));
        }
    }

    public Task<GearLoanChange> RequestAsync(GearLoan loan, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_loans.TryGetValue(loan.Id, out var existing))
            {
                return Task.FromResult(new GearLoanChange(existing, existing, null));
            }

            if (Move(GearRules.Reserve(loan)) is { } shortItem)
            {
                return Task.FromResult(new GearLoanChange(null, null, GearError.Insufficient, shortItem));
            }

            _loans[loan.Id] = loan;
            return Task.FromResult(new GearLoanChange(null, loan, null));
        }
    }

    public Task<GearLoan?> GetLoanAsync(string loanId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_loans.GetValueOrDefault(loanId));
        }
    }

    public Task<IReadOnlyList<GearLoan>> ListOpenAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<GearLoan>>([.. _loans.Values.Where(l => l.IsOpen).OrderBy(l => l.RequestedAt)]);
        }
    }

    public Task<IReadOnlyList<GearLoan>> ListClosedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<GearLoan>>([.. _loans.Values.Where(l => !l.IsOpen).OrderBy(l => l.RequestedAt)]);
        }
    }

    public Task<GearLoanChange> UpdateLoanAsync(string loanId, Func<GearLoan, GearTransition> rule, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // As the table store: read, run the rule outside the lock, write only if the loan is still the one read (its
            // ETag); otherwise the rule runs again on the fresh loan.
            GearLoan? before;
            lock (_gate)
            {
                before = _loans.GetValueOrDefault(loanId);
            }

            if (before is null)
            {
                return Task.FromResult(new GearLoanChange(null, null, GearError.NotFound));
            }

            var transition = rule(before);
            if (!transition.Succeeded)
            {
                return Task.FromResult(new GearLoanChange(before, transition.After, transition.Error, transition.ItemId));
            }

            var after = transition.After!;
            if (ReferenceEquals(after, before))
            {
                return Task.FromResult(new GearLoanChange(before, before, null));
            }

            lock (_gate)
            {
                if (!ReferenceEquals(_loans.GetValueOrDefault(loanId), before))
                {
                    continue;
                }

                if (Move(transition.Deltas) is { } shortItem)
                {
                    return Task.FromResult(new GearLoanChange(before, before, GearError.Insufficient, shortItem));
                }

                _loans[loanId] = after;
                return Task.FromResult(new GearLoanChange(before, after, null));
            }
        }

        throw new InvalidOperationException($"Loan {loanId} kept changing under {MaxAttempts} attempts.");
    }

    /// <summary>Applies the deltas all or nothing; returns the id of an item that is missing or would leave its bounds.</summary>
    private string? Move(IReadOnlyList<GearDelta> deltas)
    {
        var next = new Dictionary<string, GearItem>(StringComparer.Ordinal);
        foreach (var group in deltas.GroupBy(d => d.ItemId, StringComparer.Ordinal))
        {
            if (!_items.TryGetValue(group.Key, out var item))
            {
                return group.Key;
            }

            var after = item with { Available = item.Available + group.Sum(d => d.Available), Total = item.Total + group.Sum(d => d.Total) };
            if (after.Available < 0 || after.Total < 0 || after.Available > after.Total)
            {
                return group.Key;
            }

            next[group.Key] = after;
        }

        foreach (var (id, item) in next)
        {
            _items[id] = item;
        }

        return null;
    }
}

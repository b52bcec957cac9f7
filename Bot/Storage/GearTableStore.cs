using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Gear;
using static VolunteerBot.Storage.GearEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>Gear</c>, one partition <c>gear</c>: items (<c>item:{id}</c>), open loans (<c>open:{id}</c>) and closed
/// loans (<c>closed:{id}</c>). A loan and the item counts it moves change in one ETag-guarded transaction, retried
/// from a fresh read on 412/409, so counts never go negative under parallel requests. See docs/storage.md.
/// </summary>
public sealed class GearTableStore(StorageAccount account) : IGearStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table = account.Table(StorageNames.Gear);

    public async Task<IReadOnlyList<GearItem>> ListItemsAsync(CancellationToken cancellationToken) =>
        [.. (await RangeAsync(ItemPrefix, cancellationToken).ConfigureAwait(false)).Select(ToItem).OrderBy(i => i.Name, StringComparer.Ordinal)];

    public async Task<GearItem?> GetItemAsync(string itemId, CancellationToken cancellationToken)
    {
        var e = await GetAsync(ItemPrefix + TableKeys.Escape(itemId), cancellationToken).ConfigureAwait(false);
        return e is null ? null : ToItem(e);
    }

    public async Task<GearItemChange> AddItemAsync(string name, int total, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        var existing = (await ListItemsAsync(cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(i => GearNames.Normalize(i.Name) == GearNames.Normalize(name));
        if (existing is not null)
        {
            return new GearItemChange(existing, GearItemError.NameTaken);
        }

        var item = new GearItem { Id = GearItem.NewId(), Name = name.Trim(), Total = total, Available = total, UpdatedAt = at };
        await _table.AddEntityAsync(ToEntity(item), cancellationToken).ConfigureAwait(false);
        return new GearItemChange(item, null);
    }

    public Task<GearItemChange> SetTotalAsync(string itemId, int total, DateTimeOffset at, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RunAsync(async ct =>
        {
            var e = await GetAsync(ItemPrefix + TableKeys.Escape(itemId), ct).ConfigureAwait(false);
            if (e is null)
            {
                return new GearItemChange(null, GearItemError.NotFound);
            }

            var item = ToItem(e);
            if (total < item.Out)
            {
                return new GearItemChange(item, GearItemError.BelowOut);
            }

            if (total == item.Total)
            {
                return new GearItemChange(item, null);
            }

            var after = item with { Total = total, Available = item.Available + (total - item.Total), UpdatedAt = at };
            await _table.UpdateEntityAsync(ToEntity(after), e.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return new GearItemChange(after, null);
        }, cancellationToken);

    public Task<GearLoanChange> RequestAsync(GearLoan loan, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RunAsync(async ct =>
        {
            var stored = await FindLoanAsync(loan.Id, ct).ConfigureAwait(false);
            if (stored is not null)
            {
                var existing = ToLoan(stored);
                return new GearLoanChange(existing, existing, null);
            }

            var actions = new List<TableTransactionAction>();
            var shortItem = await AddDeltasAsync(GearRules.Reserve(loan), actions, ct).ConfigureAwait(false);
            if (shortItem is not null)
            {
                return new GearLoanChange(null, null, GearError.Insufficient, shortItem);
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(loan)));
            await SubmitAsync(actions, ct).ConfigureAwait(false);
            return new GearLoanChange(null, loan, null);
        }, cancellationToken);

    public async Task<GearLoan?> GetLoanAsync(string loanId, CancellationToken cancellationToken)
    {
        var e = await FindLoanAsync(loanId, cancellationToken).ConfigureAwait(false);
        return e is null ? null : ToLoan(e);
    }

    public async Task<IReadOnlyList<GearLoan>> ListOpenAsync(CancellationToken cancellationToken) =>
        [.. (await RangeAsync(OpenPrefix, cancellationToken).ConfigureAwait(false)).Select(ToLoan).OrderBy(l => l.RequestedAt)];

    public async Task<IReadOnlyList<GearLoan>> ListClosedAsync(CancellationToken cancellationToken) =>
        [.. (await RangeAsync(ClosedPrefix, cancellationToken).ConfigureAwait(false)).Select(ToLoan).OrderBy(l => l.RequestedAt)];

    public Task<GearLoanChange> UpdateLoanAsync(string loanId, Func<GearLoan, GearTransition> rule, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RunAsync(async ct =>
        {
            var stored = await FindLoanAsync(loanId, ct).ConfigureAwait(false);
            if (stored is null)
            {
                return new GearLoanChange(null, null, GearError.NotFound);
            }

            var before = ToLoan(stored);
            var transition = rule(before);
            if (!transition.Succeeded)
            {
                return new GearLoanChange(before, transition.After, transition.Error, transition.ItemId);
            }

            var after = transition.After!;
            if (ReferenceEquals(after, before))
            {
                return new GearLoanChange(before, before, null);
            }

            var actions = new List<TableTransactionAction>();
            var shortItem = await AddDeltasAsync(transition.Deltas, actions, ct).ConfigureAwait(false);
            if (shortItem is not null)
            {
                return new GearLoanChange(before, before, GearError.Insufficient, shortItem);
            }

            if (before.IsOpen && !after.IsOpen)
            {
                // Closing moves the loan off the open range in the same transaction.
                actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, stored, stored.ETag));
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(after)));
            }
            else
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(after), stored.ETag));
            }

            await SubmitAsync(actions, ct).ConfigureAwait(false);
            return new GearLoanChange(before, after, null);
        }, cancellationToken);

    /// <summary>Reads each item fresh and adds an ETag-guarded update; returns the id of an item that would go negative.</summary>
    private async Task<string?> AddDeltasAsync(IReadOnlyList<GearDelta> deltas, List<TableTransactionAction> actions, CancellationToken ct)
    {
        foreach (var group in deltas.GroupBy(d => d.ItemId, StringComparer.Ordinal))
        {
            var e = await GetAsync(ItemPrefix + TableKeys.Escape(group.Key), ct).ConfigureAwait(false);
            if (e is null)
            {
                return group.Key;
            }

            var item = ToItem(e);
            var after = item with { Available = item.Available + group.Sum(d => d.Available), Total = item.Total + group.Sum(d => d.Total) };
            if (after.Available < 0 || after.Total < 0 || after.Available > after.Total)
            {
                return group.Key;
            }

            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(after), e.ETag));
        }

        return null;
    }

    private async Task SubmitAsync(List<TableTransactionAction> actions, CancellationToken ct)
    {
        // Azure rejects a transaction over 100 operations or across partitions; Azurite does not, so check here.
        if (actions.Count > MaxBatch || actions.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Count() != 1)
        {
            throw new InvalidOperationException("A table transaction holds at most 100 operations in one partition.");
        }

        await _table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
    }

    private async Task<TableEntity?> FindLoanAsync(string loanId, CancellationToken ct)
    {
        var key = TableKeys.Escape(loanId);
        return await GetAsync(OpenPrefix + key, ct).ConfigureAwait(false) ?? await GetAsync(ClosedPrefix + key, ct).ConfigureAwait(false);
    }

    private async Task<TableEntity?> GetAsync(string rowKey, CancellationToken ct)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Pk, rowKey, cancellationToken: ct).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private async Task<List<TableEntity>> RangeAsync(string prefix, CancellationToken ct)
    {
        var end = prefix[..^1] + (char)(prefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Pk} and RowKey ge {prefix} and RowKey lt {end}");
        var list = new List<TableEntity>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct).ConfigureAwait(false))
        {
            list.Add(e);
        }

        return list;
    }
}

using System.Globalization;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;
using static VolunteerBot.Storage.ServiceRecordEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>ServiceRecords</c>: PartitionKey = the volunteer's Entra object id; RowKeys <c>r-{yyyyMMdd}-{project}</c>
/// (the record: one per volunteer, project and day), <c>a-{recordId}-{revision}</c> (audit trail),
/// <c>x-{exchangeId}</c> (points exchanges), <c>y-{yyyy}</c> (year totals) and <c>s-balance</c> (points balance).
/// A record change writes the record, its audit row and the moved totals in one ETag-guarded transaction, so the
/// balance always equals the confirmed records' points minus the exchanges. Then two copies for the committee:
/// <c>ServiceRecordsByMonth</c> (PK yyyyMM, RK {yyyyMMdd}_{volunteer}_{project}) and <c>ServiceRecordYears</c>
/// (PK yyyy, RK volunteer), written in order and owed in an outbox until written (<see cref="ServiceRecordCopies"/>).
/// See docs/storage.md.
/// </summary>
public sealed class ServiceRecordTableStore(StorageAccount account, TimeProvider? time = null) : IServiceRecordStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table = account.Table(StorageNames.ServiceRecords);
    private readonly TableClient _byMonth = account.Table(StorageNames.ServiceRecordsByMonth);
    private readonly TableClient _years = account.Table(StorageNames.ServiceRecordYears);
    private readonly ServiceRecordCopies _copies = new(account, time ?? TimeProvider.System);

    /// <summary>Test seam: runs after the truth transaction, before the copies are written (simulates a crash or a crossing write).</summary>
    internal Func<CancellationToken, Task>? BeforeCopies { get; set; }

    public async Task<ServiceRecord?> GetAsync(string volunteerAadObjectId, string recordId, CancellationToken cancellationToken)
    {
        var e = await GetEntityAsync(_table, TableKeys.Escape(volunteerAadObjectId), RecordPrefix + recordId, cancellationToken).ConfigureAwait(false);
        return e is null ? null : ToRecord(e);
    }

    public async Task<IReadOnlyList<ServiceRecord>> ListByVolunteerAsync(string volunteerAadObjectId, DateOnly? from, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(volunteerAadObjectId);
        var low = RecordPrefix + (from?.ToString("yyyyMMdd", CultureInfo.InvariantCulture) ?? "");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {"r."}");
        var list = new List<ServiceRecord>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToRecord(e));
        }

        return list.OrderByDescending(r => r.Date).ThenByDescending(r => r.UpdatedAt).ToList();
    }

    public async Task<RecordWrite> ApplyAsync(string volunteerAadObjectId, string recordId, Func<ServiceRecord?, RecordChange?> change, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(volunteerAadObjectId);
        var rk = RecordPrefix + recordId;
        var yearRow = YearPrefix + recordId[..4];
        YearSummary? yearAfter = null;
        var yearVersion = 0;
        ServiceRecordCopies.Owed? owed = null;
        var write = await OptimisticConcurrency.RunAsync(async ct =>
        {
            var recordTask = GetEntityAsync(_table, pk, rk, ct);
            var balanceTask = GetEntityAsync(_table, pk, BalanceRow, ct);
            var yearTask = GetEntityAsync(_table, pk, yearRow, ct);
            var existing = await recordTask.ConfigureAwait(false);
            var before = existing is null ? null : ToRecord(existing);
            var decided = change(before);
            if (decided is null)
            {
                return new RecordWrite(before, before, false);
            }

            var after = decided.After;
            if (after.Id != recordId || after.VolunteerAadObjectId != volunteerAadObjectId)
            {
                throw new InvalidOperationException("A record change may not move the record to another key.");
            }

            // Owed before the truth changes: if the copies are never written (crash, storage error), the repair writes them.
            owed ??= await _copies.OweAsync(pk, recordId, ct).ConfigureAwait(false);

            var actions = new List<TableTransactionAction>
            {
                existing is null
                    ? new(TableTransactionActionType.Add, ToEntity(pk, rk, after))
                    : new(TableTransactionActionType.UpdateReplace, ToEntity(pk, rk, after), existing.ETag),
                new(TableTransactionActionType.Add, ToEntity(pk, decided.Audit)),
            };

            // The arithmetic is the domain's (RecordTotals); here only the rows it changes are written, each with its ETag.
            var balanceEntity = await balanceTask.ConfigureAwait(false);
            var yearEntity = await yearTask.ConfigureAwait(false);
            var totals = RecordTotals.Move(before, after, balanceEntity is null ? null : ToBalance(balanceEntity), yearEntity is null ? null : ToYear(yearEntity));
            if (totals.Balance is { } balanceAfter)
            {
                actions.Add(balanceEntity is null
                    ? new(TableTransactionActionType.Add, ToEntity(pk, balanceAfter))
                    : new(TableTransactionActionType.UpdateReplace, ToEntity(pk, balanceAfter), balanceEntity.ETag));
            }

            yearAfter = totals.Year;
            if (yearAfter is not null)
            {
                yearVersion = ServiceRecordCopies.YearVersion(yearEntity) + 1;
                actions.Add(yearEntity is null
                    ? new(TableTransactionActionType.Add, ToEntity(pk, yearRow, yearAfter, yearVersion))
                    : new(TableTransactionActionType.UpdateReplace, ToEntity(pk, yearRow, yearAfter, yearVersion), yearEntity.ETag));
            }

            await SubmitAsync(actions, ct).ConfigureAwait(false);
            return new RecordWrite(before, after, true);
        }, cancellationToken).ConfigureAwait(false);

        if (write.Changed && write.After is { } written)
        {
            // Copies for the committee's views, written after the partition that stays the truth, each only over an older one.
            if (BeforeCopies is { } hook)
            {
                await hook(cancellationToken).ConfigureAwait(false);
            }

            try
            {
                // Two tables, no order between them: written side by side.
                await Task.WhenAll(
                    _copies.WriteMonthAsync(pk, written, cancellationToken),
                    yearAfter is null ? Task.CompletedTask : _copies.WriteYearAsync(pk, yearAfter, yearVersion, cancellationToken)).ConfigureAwait(false);
            }
            catch (RequestFailedException)
            {
                // The truth is written; failing the turn now would lose what follows it (notices, the archive re-check) on a
                // retry that finds nothing to change. The outbox row stays, and the repair writes the copies.
                return write;
            }

            await _copies.SettleAsync(owed!.Value, cancellationToken).ConfigureAwait(false);
        }

        // Unchanged after an owed attempt failed (412): the row stays for the repair, since an earlier attempt whose answer
        // was lost may have committed after all; rewriting the current truth is harmless.
        return write;
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAuditAsync(string volunteerAadObjectId, string recordId, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(volunteerAadObjectId);
        var low = AuditPrefix + recordId + "-";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {low} and RowKey lt {AuditPrefix + recordId + "."}");
        var list = new List<AuditEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToAudit(e));
        }

        return list.OrderBy(a => a.Revision).ToList();
    }

    public async Task<PointsBalance> GetBalanceAsync(string volunteerAadObjectId, CancellationToken cancellationToken) =>
        ToBalance(await GetEntityAsync(_table, TableKeys.Escape(volunteerAadObjectId), BalanceRow, cancellationToken).ConfigureAwait(false));

    public async Task<IReadOnlyList<PointsExchange>> ListExchangesAsync(string volunteerAadObjectId, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(volunteerAadObjectId);
        var list = new List<PointsExchange>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {ExchangePrefix} and RowKey lt {"x."}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToExchange(e));
        }

        return list.OrderByDescending(x => x.At).ToList();
    }

    public Task<ExchangeResult> RedeemAsync(PointsExchange exchange, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(exchange.VolunteerAadObjectId);
        var row = ToEntity(pk, exchange);
        return OptimisticConcurrency.RunAsync(async ct =>
        {
            var balanceTask = GetEntityAsync(_table, pk, BalanceRow, ct);
            var existing = await GetEntityAsync(_table, pk, row.RowKey, ct).ConfigureAwait(false);
            var balanceEntity = await balanceTask.ConfigureAwait(false);
            var (outcome, next) = RecordTotals.Redeem(balanceEntity is null ? null : ToBalance(balanceEntity), exchange, existing is not null);
            if (outcome != ExchangeOutcome.Recorded)
            {
                return new ExchangeResult(outcome, next);
            }

            await SubmitAsync(
            [
                new(TableTransactionActionType.Add, row),
                balanceEntity is null
                    ? new(TableTransactionActionType.Add, ToEntity(pk, next))
                    : new(TableTransactionActionType.UpdateReplace, ToEntity(pk, next), balanceEntity.ETag),
            ], ct).ConfigureAwait(false);
            return new ExchangeResult(ExchangeOutcome.Recorded, next);
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ServiceRecord>> ListByPeriodAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var list = new List<ServiceRecord>();
        foreach (var month in Months(from, to))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {month} and RowKey ge {Day(from)} and RowKey lt {Day(to.AddDays(1))}");
            await foreach (var e in _byMonth.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                list.Add(ToRecord(e));
            }
        }

        return list;
    }

    public async Task<IReadOnlyList<ServiceRecord>> ListPendingAsync(IReadOnlyCollection<string>? divisionIds, DateOnly since, DateOnly until, CancellationToken cancellationToken)
    {
        var list = new List<ServiceRecord>();
        foreach (var month in Months(since, until))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {month} and RowKey ge {Day(since)} and RowKey lt {Day(until.AddDays(1))} and Status eq {nameof(RecordStatus.Pending)}");
            await foreach (var e in _byMonth.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var r = ToRecord(e);
                if (divisionIds is null || divisionIds.Contains(r.DivisionId) || r.OrganiserDivisionIds.Any(divisionIds.Contains))
                {
                    list.Add(r);
                }
            }
        }

        return list;
    }

    public async Task<IReadOnlyList<YearSummary>> ListYearAsync(int year, CancellationToken cancellationToken)
    {
        var list = new List<YearSummary>();
        var pk = year.ToString("D4", CultureInfo.InvariantCulture);
        await foreach (var e in _years.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToYear(e));
        }

        return list;
    }

    internal static string MonthOf(DateOnly date) => date.ToString("yyyyMM", CultureInfo.InvariantCulture);

    internal static string MonthRow(DateOnly date, string volunteerPk, string? projectId) =>
        Day(date) + "_" + volunteerPk + "_" + (projectId ?? ServiceRecord.CommunityProject);

    private static string Day(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Months(DateOnly from, DateOnly to)
    {
        for (var m = new DateOnly(from.Year, from.Month, 1); m <= to; m = m.AddMonths(1))
        {
            yield return MonthOf(m);
        }
    }

    private static async Task<TableEntity?> GetEntityAsync(TableClient table, string pk, string rk, CancellationToken ct)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: ct).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    private async Task SubmitAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken ct)
    {
        if (actions.Count > MaxBatch || actions.Select(a => a.Entity.PartitionKey).Distinct(StringComparer.Ordinal).Count() != 1)
        {
            throw new InvalidOperationException("A transaction holds at most 100 operations in one partition.");
        }

        try
        {
            await _table.SubmitTransactionAsync(actions, ct).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409)
        {
            throw new RequestFailedException(ex.Status, ex.Message, ex);
        }
    }
}

using System.Globalization;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Dashboard;
using VolunteerBot.Dialogs.Domain.Hours;
using static VolunteerBot.Storage.Dashboard.DashboardEntities;

namespace VolunteerBot.Storage.Dashboard;

/// <summary>
/// Table <c>DashboardMonths</c>: PartitionKey = month "yyyyMM", RowKey = division id (hours, pending hours,
/// participants, records) and <c>~computed</c> (when the month was last computed). Written only by the totals job;
/// the trends page reads the 12 months with one key-range query. The month copies of the service records
/// (<c>ServiceRecordsByMonth</c>, PartitionKey "yyyyMM") are read per partition, only the columns needed.
/// </summary>
public sealed class DashboardTableStore(StorageAccount account) : IDashboardStore
{
    internal const string ComputedRow = "~computed";
    private static readonly string[] TotalsColumns = ["RowKey", "VolunteerAadObjectId", "DivisionId", "ProjectId", "Date", "Hours", "Status"];
    private static readonly string[] LastActivityColumns = ["VolunteerAadObjectId", "Date", "Status"];
    private readonly TableClient _months = account.Table(StorageNames.DashboardMonths);
    private readonly TableClient _byMonth = account.Table(StorageNames.ServiceRecordsByMonth);

    public async Task<MonthTotals> ListMonthTotalsAsync(string fromMonth, string toMonth, CancellationToken cancellationToken)
    {
        var rows = new List<MonthDivisionTotal>();
        var computed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {fromMonth} and PartitionKey le {toMonth}");
        await foreach (var e in _months.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.RowKey == ComputedRow)
            {
                computed[e.PartitionKey] = e.GetDateTimeOffset("ComputedAt") ?? DateTimeOffset.MinValue;
                continue;
            }

            rows.Add(ToTotal(e));
        }

        return new MonthTotals(rows, computed);
    }

    public async Task ReplaceMonthAsync(string month, IReadOnlyList<MonthDivisionTotal> totals, DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        var stale = new List<string>();
        await foreach (var e in _months.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {month}"), select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.RowKey != ComputedRow && !totals.Any(t => t.DivisionId == e.RowKey))
            {
                stale.Add(e.RowKey);
            }
        }

        var actions = totals.Select(t => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(month, t)))
            .Concat(stale.Select(rk => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(month, rk), ETag.All)))
            .Append(new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(month, ComputedRow) { ["ComputedAt"] = computedAt }))
            .ToList();

        // One partition; at most 100 operations a transaction (the stamp goes in the last one, so it is written after the rows).
        foreach (var chunk in actions.Chunk(100))
        {
            await _months.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<ServiceRecord>> ListMonthForTotalsAsync(string month, CancellationToken cancellationToken)
    {
        var list = new List<ServiceRecord>();
        await foreach (var e in _byMonth.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {month}"), select: TotalsColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // The month copy is a service record row: the record mapper reads it (unselected columns stay empty).
            list.Add(ServiceRecordEntities.ToRecord(e));
        }

        return list;
    }

    public async Task<IReadOnlyDictionary<string, DateOnly>> LastActivityAsync(string divisionId, DateOnly since, DateOnly until, CancellationToken cancellationToken)
    {
        var months = new List<string>();
        for (var m = new DateOnly(since.Year, since.Month, 1); m <= until; m = m.AddMonths(1))
        {
            months.Add(m.ToString("yyyyMM", CultureInfo.InvariantCulture));
        }

        // One filtered query per month partition, side by side.
        var parts = await Task.WhenAll(months.Select(async month =>
        {
            var found = new List<(string Volunteer, DateOnly Date)>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {month} and DivisionId eq {divisionId} and Status ne {"Rejected"}");
            await foreach (var e in _byMonth.QueryAsync<TableEntity>(filter, select: LastActivityColumns, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var record = ServiceRecordEntities.ToRecord(e);
                found.Add((record.VolunteerAadObjectId, record.Date));
            }

            return found;
        })).ConfigureAwait(false);

        return parts.SelectMany(p => p)
            .Where(p => p.Date >= since && p.Date <= until)
            .GroupBy(p => p.Volunteer, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Max(p => p.Date), StringComparer.OrdinalIgnoreCase);
    }
}

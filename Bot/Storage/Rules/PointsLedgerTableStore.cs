using System.Globalization;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;
using static VolunteerBot.Storage.Rules.PointsLedgerEntities;

namespace VolunteerBot.Storage.Rules;

/// <summary>
/// Table <c>PointsLedger</c>: PartitionKey = year (yyyy, Asia/Shanghai), RowKey = the exchange id (the redeem card's
/// request id), so a repeated write is an upsert of the same row.
/// </summary>
public sealed class PointsLedgerTableStore(StorageAccount account) : IPointsLedgerStore
{
    private readonly TableClient _table = account.Table(StorageNames.PointsLedger);

    public Task RecordAsync(int year, LedgerEntry entry, CancellationToken cancellationToken)
    {
        var e = ToEntity(year, entry);
        return _table.UpsertEntityAsync(e, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task<IReadOnlyList<LedgerEntry>> ListYearAsync(int year, CancellationToken cancellationToken)
    {
        var list = new List<LedgerEntry>();
        var pk = year.ToString("D4", CultureInfo.InvariantCulture);
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToEntry(e));
        }

        return list.OrderByDescending(l => l.Exchange.At).ToList();
    }
}

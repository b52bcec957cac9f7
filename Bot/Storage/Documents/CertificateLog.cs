using System.Globalization;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Storage;
using static VolunteerBot.Storage.Documents.CertificateEntities;

namespace VolunteerBot.Storage.Documents;

/// <summary>One issued certificate of service, as logged.</summary>
public sealed record CertificateEntry(string Number, string VolunteerAadObjectId, string Name, DateOnly From, DateOnly To, decimal TotalHours, string BlobName, DateTimeOffset IssuedAt);

/// <summary>
/// Table <c>Certificates</c>: PartitionKey = year of issue; RowKey <c>counter</c> (the next number, ETag-guarded so two
/// certificates never share one) and <c>n-{number}</c> (every certificate issued: who, period, hours, file).
/// PartitionKey <c>req</c>, RowKey = volunteer + request id: maps a request to its number so a double tap issues once.
/// Numbers read <c>LF-{yyyy}-{000001}</c>.
/// </summary>
public sealed class CertificateLog(StorageAccount account)
{
    private readonly TableClient _table = account.Table(StorageNames.Certificates);

    public async Task<CertificateEntry?> FindByRequestAsync(string volunteerAadObjectId, string requestId, CancellationToken cancellationToken)
    {
        var req = await _table.GetEntityIfExistsAsync<TableEntity>("req", RequestRow(volunteerAadObjectId, requestId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!req.HasValue)
        {
            return null;
        }

        var number = req.Value!.GetString("Number")!;
        return await GetAsync(number, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CertificateEntry?> GetAsync(string number, CancellationToken cancellationToken)
    {
        var e = await _table.GetEntityIfExistsAsync<TableEntity>(number.Substring(3, 4), "n-" + number, cancellationToken: cancellationToken).ConfigureAwait(false);
        return e.HasValue ? ToEntry(e.Value!) : null;
    }

    /// <summary>Takes the next number of the year.</summary>
    public Task<string> NextNumberAsync(int year, CancellationToken cancellationToken)
    {
        var pk = year.ToString("D4", CultureInfo.InvariantCulture);
        return OptimisticConcurrency.RunAsync(async ct =>
        {
            var counter = await _table.GetEntityIfExistsAsync<TableEntity>(pk, "counter", cancellationToken: ct).ConfigureAwait(false);
            var next = counter.HasValue ? (counter.Value!.GetInt64("Next") ?? 1) : 1;
            var entity = new TableEntity(pk, "counter") { ["Next"] = next + 1 };
            if (counter.HasValue)
            {
                await _table.UpdateEntityAsync(entity, counter.Value!.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }
            else
            {
                await _table.AddEntityAsync(entity, ct).ConfigureAwait(false);
            }

            return $"LF-{pk}-{next:D6}";
        }, cancellationToken);
    }

    /// <summary>Logs the certificate and maps the request to it.</summary>
    public async Task LogAsync(CertificateEntry entry, string requestId, CancellationToken cancellationToken)
    {
        await _table.AddEntityAsync(ToEntity(entry), cancellationToken).ConfigureAwait(false);
        await _table.UpsertEntityAsync(new TableEntity("req", RequestRow(entry.VolunteerAadObjectId, requestId)) { ["Number"] = entry.Number },
            TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every certificate issued in a year.</summary>
    public async Task<IReadOnlyList<CertificateEntry>> ListAsync(int year, CancellationToken cancellationToken)
    {
        var pk = year.ToString("D4", CultureInfo.InvariantCulture);
        var list = new List<CertificateEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {pk} and RowKey ge {"n-"} and RowKey lt {"n."}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToEntry(e));
        }

        return list;
    }
}

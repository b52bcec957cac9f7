using System.Globalization;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;
using static VolunteerBot.Storage.ServiceRecordEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// The committee's copies of a service record (<c>ServiceRecordsByMonth</c>) and of the volunteer's year totals
/// (<c>ServiceRecordYears</c>), and the outbox that makes sure they are written.
/// <para>In order: a copy is replaced only by a newer one — the record's <c>Revision</c>, the year row's <c>Version</c> —
/// read with its ETag and written conditionally, so two writes of the same record whose copy writes cross never leave the
/// older one behind.</para>
/// <para>Owed copies: table <c>ServiceRecordCopies</c>, PartitionKey = the write's UTC hour ("yyyyMMddHH"), RowKey =
/// volunteer partition | record id | write id (one row per write, so one write's cleanup never removes another's), written
/// before the truth transaction and deleted after the copies. <see cref="RepairAsync"/> reads the hours up to now − grace
/// (a key range, never a scan of the records), rewrites both copies from the truth and deletes the row.</para>
/// </summary>
public sealed class ServiceRecordCopies(StorageAccount account, TimeProvider time)
{
    internal const string VersionProperty = "Version";
    private const string RevisionProperty = "Revision";
    private readonly TableClient _truth = account.Table(StorageNames.ServiceRecords);
    private readonly TableClient _byMonth = account.Table(StorageNames.ServiceRecordsByMonth);
    private readonly TableClient _years = account.Table(StorageNames.ServiceRecordYears);
    private readonly TableClient _owed = account.Table(StorageNames.ServiceRecordCopies);

    /// <summary>A written outbox row: its keys and the ETag it was written with.</summary>
    public readonly record struct Owed(string PartitionKey, string RowKey, ETag ETag);

    /// <summary>Records that this write owes copies of the record: call before the truth transaction.</summary>
    public async Task<Owed> OweAsync(string volunteerPk, string recordId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = new TableEntity(Hour(now), volunteerPk.Replace("|", "%7C", StringComparison.Ordinal) + "|" + recordId + "|" + Guid.NewGuid().ToString("N"))
        {
            ["VolunteerPartition"] = volunteerPk,
            ["RecordId"] = recordId,
            ["At"] = now,
        };
        var response = await _owed.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return new Owed(row.PartitionKey, row.RowKey, response.Headers.ETag ?? ETag.All);
    }

    /// <summary>The copies are written: the outbox row goes (best effort; a row left behind is repaired harmlessly).</summary>
    public async Task SettleAsync(Owed owed, CancellationToken cancellationToken)
    {
        try
        {
            await _owed.DeleteEntityAsync(owed.PartitionKey, owed.RowKey, owed.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            // Gone already (a repair), or storage failed: the repair rewrites the current truth and deletes it later.
        }
    }

    /// <summary>Writes the month copy unless the stored one has the same or a newer revision. True when written.</summary>
    public Task<bool> WriteMonthAsync(string volunteerPk, ServiceRecord record, CancellationToken cancellationToken) =>
        WriteOrderedAsync(_byMonth, ToEntity(ServiceRecordTableStore.MonthOf(record.Date), ServiceRecordTableStore.MonthRow(record.Date, volunteerPk, record.ProjectId), record),
            RevisionProperty, record.Revision, cancellationToken);

    /// <summary>Writes the year copy unless the stored one has the same or a newer version. True when written.</summary>
    public Task<bool> WriteYearAsync(string volunteerPk, YearSummary year, int version, CancellationToken cancellationToken) =>
        WriteOrderedAsync(_years, ToEntity(year.Year.ToString("D4", CultureInfo.InvariantCulture), volunteerPk, year, version),
            VersionProperty, version, cancellationToken);

    /// <summary>
    /// One repair pass: every outbox row written before now − <paramref name="grace"/> (writes still in flight are left
    /// alone) gets both copies rewritten from the truth (record and year row), in order, and is then deleted. Idempotent;
    /// every instance may run it; a row whose repair fails stays for the next pass without stopping the others. Returns the
    /// rows repaired.
    /// </summary>
    public async Task<int> RepairAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - grace;
        var due = new List<TableEntity>();
        await foreach (var e in _owed.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey le {Hour(cutoff)}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if ((e.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue) <= cutoff)
            {
                due.Add(e);
            }
        }

        var repaired = 0;
        foreach (var row in due)
        {
            try
            {
                await RepairAsync(row, cancellationToken).ConfigureAwait(false);
                repaired++;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Left in the outbox: the next pass tries it again; the other rows still get theirs now.
            }
        }

        return repaired;
    }

    private async Task RepairAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var pk = row.GetString("VolunteerPartition") ?? "";
        var recordId = row.GetString("RecordId") ?? "";
        if (pk.Length == 0 || recordId.Length < 4)
        {
            await SettleAsync(new Owed(row.PartitionKey, row.RowKey, row.ETag), cancellationToken).ConfigureAwait(false); // names nothing
            return;
        }

        var yearRow = YearPrefix + recordId[..4];
        var recordTask = GetAsync(_truth, pk, RecordPrefix + recordId, cancellationToken);
        var yearEntity = await GetAsync(_truth, pk, yearRow, cancellationToken).ConfigureAwait(false);
        if (await recordTask.ConfigureAwait(false) is { } record)
        {
            await WriteMonthAsync(pk, ToRecord(record), cancellationToken).ConfigureAwait(false);
        }

        if (yearEntity is not null)
        {
            await WriteYearAsync(pk, ToYear(yearEntity), YearVersion(yearEntity), cancellationToken).ConfigureAwait(false);
        }

        await SettleAsync(new Owed(row.PartitionKey, row.RowKey, row.ETag), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The year row's version; rows written before versions existed count as 0.</summary>
    internal static int YearVersion(TableEntity? e) => e?.GetInt32(VersionProperty) ?? 0;

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    private static async Task<bool> WriteOrderedAsync(TableClient table, TableEntity copy, string versionProperty, int version, CancellationToken cancellationToken)
    {
        if (version == 1)
        {
            // A first version (a newly logged record, a year's first change) usually has no copy yet: add it without the read.
            try
            {
                await table.AddEntityAsync(copy, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // A copy exists (an older row without a version, or a newer one): compare below.
            }
        }

        return await OptimisticConcurrency.RunAsync(async ct =>
        {
            var stored = await GetAsync(table, copy.PartitionKey, copy.RowKey, ct).ConfigureAwait(false);
            if (stored is null)
            {
                await table.AddEntityAsync(copy, ct).ConfigureAwait(false);
                return true;
            }

            if ((stored.GetInt32(versionProperty) ?? 0) >= version)
            {
                return false;
            }

            await table.UpdateEntityAsync(copy, stored.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<TableEntity?> GetAsync(TableClient table, string pk, string rk, CancellationToken ct)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(pk, rk, cancellationToken: ct).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }
}

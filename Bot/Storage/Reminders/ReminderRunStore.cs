using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Storage;
using static VolunteerBot.Storage.Reminders.ReminderRunEntities;

namespace VolunteerBot.Storage.Reminders;

/// <summary>One claimed run: the claim row of table <c>ReminderRuns</c> with its fan-out progress.</summary>
public sealed record ReminderRunRecord
{
    public required Quarter Quarter { get; init; }

    /// <summary>"kickoff", "mid", "final", "manual-yyyyMMddHHmm" or "announce-{projectId}": the row key.</summary>
    public required string KindKey { get; init; }
    public required ReminderKind Kind { get; init; }
    public required string Trigger { get; init; }
    public string? RequestedBy { get; init; }

    /// <summary>What the run is about (an announcement: the project's title); shown in 提醒进度.</summary>
    public string? Label { get; init; }
    public DateTimeOffset ClaimedAt { get; init; }
    public string ClaimedBy { get; init; } = "";

    /// <summary>False until every recipient has a status row and a queue message.</summary>
    public bool FanOutDone { get; init; }

    /// <summary>Last fan-out progress write; a stale pending fan-out is taken over by another instance.</summary>
    public DateTimeOffset FanOutHeartbeat { get; init; }

    /// <summary>Recipients are fanned out in id order; everything up to and including this id is queued.</summary>
    public string Checkpoint { get; init; } = "";
    public int Recipients { get; init; }
    public ETag ETag { get; init; }

    public string RunId => ReminderRunIds.Of(Quarter, KindKey);
}

/// <summary>
/// Table <c>ReminderRuns</c>: PartitionKey = quarter ("2026Q4"), RowKey = kind ("kickoff", "mid", "final",
/// "manual-…"). Inserting the row is the claim: insert-if-absent succeeds for exactly one instance.
/// A quarter's runs are one small partition.
/// </summary>
public sealed class ReminderRunStore(StorageAccount account)
{
    private readonly TableClient _table = account.Table(StorageNames.ReminderRuns);

    /// <summary>Inserts the claim row; false when another instance (or an earlier start) already claimed the run.</summary>
    public async Task<ReminderRunRecord?> TryClaimAsync(ReminderRunRecord run, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.AddEntityAsync(ToEntity(run), cancellationToken).ConfigureAwait(false);
            return run with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }
    }

    public async Task<ReminderRunRecord?> GetAsync(string runId, CancellationToken cancellationToken)
    {
        if (!ReminderRunIds.TryParse(runId, out var quarter, out var kindKey))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(quarter.Id, kindKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToRun(response.Value!) : null;
    }

    public async Task<IReadOnlyList<ReminderRunRecord>> ListAsync(Quarter quarter, CancellationToken cancellationToken)
    {
        var list = new List<ReminderRunRecord>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == quarter.Id, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToRun(e));
        }

        return list;
    }

    /// <summary>ETag-guarded replace; null when someone else wrote the row first (412).</summary>
    public async Task<ReminderRunRecord?> TryUpdateAsync(ReminderRunRecord run, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(run), run.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return run with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }
}

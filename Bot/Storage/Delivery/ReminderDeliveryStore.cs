using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Storage;
using static VolunteerBot.Storage.Delivery.ReminderDeliveryEntities;

namespace VolunteerBot.Storage.Delivery;

/// <summary>One recipient of one run: the message and where its delivery stands.</summary>
public sealed record DeliveryRow
{
    public required string RunId { get; init; }
    public required string RecipientId { get; init; }
    public required ReminderAudience Audience { get; init; }
    public DeliveryStatus Status { get; init; } = DeliveryStatus.Queued;

    /// <summary>The message as JSON (<see cref="ReminderMessages"/>): written once at fan-out, re-used by a re-send.</summary>
    public string Message { get; init; } = "";

    /// <summary>Failed attempts (5xx, network) so far; a 429 is not counted.</summary>
    public int Attempts { get; init; }
    public DateTimeOffset? SendingSince { get; init; }
    public string? SendingBy { get; init; }
    public DateTimeOffset? SentAt { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The row's version in storage (opaque; null before it was written): every change is guarded by it.</summary>
    public string? ETag { get; init; }

    public bool IsFinal => Status is DeliveryStatus.Sent or DeliveryStatus.Failed or DeliveryStatus.Unreachable;
}

/// <summary>
/// Table <c>ReminderDeliveries</c>: PartitionKey = run id, RowKey = recipient's Entra object id. One row per
/// run and recipient makes the run idempotent: a recipient is inserted once, and every state change is
/// ETag-guarded, so two senders can never both move the same row to Sending. A run's progress is one
/// partition scan of the Status column.
/// </summary>
public sealed class ReminderDeliveryStore(StorageAccount account)
{
    /// <summary>Azure Table Storage: at most 100 operations per transaction, all in one partition.</summary>
    public const int MaxBatch = 100;

    /// <summary>A string property holds at most 64 KiB (32 K UTF-16 characters).</summary>
    public const int MaxMessageChars = 32_000;

    private readonly TableClient _table = account.Table(StorageNames.ReminderDeliveries);

    /// <summary>
    /// Inserts rows that do not exist yet (one transaction per ≤100 rows of the run's partition) and returns the
    /// rows that still need a queue message: the new ones, and existing ones still Queued (a resumed fan-out may
    /// have written the row but died before enqueuing; a second message is harmless, the row dedupes it).
    /// </summary>
    public async Task<IReadOnlyList<DeliveryRow>> InsertNewAsync(string runId, IReadOnlyList<DeliveryRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count > MaxBatch)
        {
            throw new ArgumentException($"At most {MaxBatch} rows per transaction.", nameof(rows));
        }

        if (rows.Any(r => r.RunId != runId))
        {
            throw new ArgumentException("A transaction holds one partition (one run).", nameof(rows));
        }

        if (rows.Count == 0)
        {
            return [];
        }

        try
        {
            var responses = (await _table.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, ToEntity(r))), cancellationToken).ConfigureAwait(false)).Value;

            // The sub-responses come in the order of the actions; their ETags let the sender claim without a read.
            return responses.Count == rows.Count
                ? [.. rows.Select((r, i) => r with { ETag = responses[i].Headers.ETag?.ToString() })]
                : rows;
        }
        catch (TableTransactionFailedException)
        {
            // Some rows exist (a resumed fan-out): fall back to one insert-if-absent per row.
        }

        var toQueue = new List<DeliveryRow>();
        foreach (var row in rows)
        {
            try
            {
                var added = await _table.AddEntityAsync(ToEntity(row), cancellationToken).ConfigureAwait(false);
                toQueue.Add(row with { ETag = added.Headers.ETag?.ToString() });
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                var existing = await GetAsync(runId, row.RecipientId, cancellationToken).ConfigureAwait(false);
                if (existing is { Status: DeliveryStatus.Queued })
                {
                    toQueue.Add(existing);
                }
            }
        }

        return toQueue;
    }

    public async Task<DeliveryRow?> GetAsync(string runId, string recipientId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(runId, TableKeys.Escape(recipientId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToRow(response.Value!) : null;
    }

    /// <summary>Writes the row if nobody else changed it since it was read; null on a lost race (412).</summary>
    public async Task<DeliveryRow?> TryWriteAsync(DeliveryRow row, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _table.UpdateEntityAsync(ToEntity(row), Version(row.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return row with { ETag = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Claims a Queued row for sending without reading it first: a merge of the sending fields guarded by the ETag
    /// the row had when its queue message was written. Returns the new ETag, or null when the row changed since
    /// (or is gone) — the caller then reads the row and decides as usual.
    /// </summary>
    public async Task<string?> TryClaimAsync(string runId, string recipientId, string queuedETag, string sendingBy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(runId, TableKeys.Escape(recipientId))
        {
            ["Status"] = DeliveryStatus.Sending.ToString(),
            ["SendingSince"] = now,
            ["SendingBy"] = sendingBy,
            ["UpdatedAt"] = now,
        };
        try
        {
            var response = await _table.UpdateEntityAsync(entity, new ETag(queuedETag), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Records a final outcome on a row this sender holds (ETag from its claim): a merge of the status fields, so
    /// the message and the rest of the row stay as they are. False on a lost race (412) or a missing row.
    /// </summary>
    public async Task<bool> TryFinishAsync(DeliveryRow row, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(row.RunId, TableKeys.Escape(row.RecipientId))
        {
            ["Status"] = row.Status.ToString(),
            ["Reason"] = row.Reason ?? "",
            ["UpdatedAt"] = row.UpdatedAt,
        };
        if (row.SentAt is { } sentAt)
        {
            entity["SentAt"] = sentAt;
        }

        try
        {
            await _table.UpdateEntityAsync(entity, Version(row.ETag), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }
    }

    /// <summary>
    /// Gives a claimed row back (Sending → Queued) without reading it: a merge guarded by the claim's ETag. Returns
    /// the new ETag, or null when the row changed since (someone else holds it, or it is final).
    /// </summary>
    public async Task<string?> TryReleaseAsync(string runId, string recipientId, string claimETag, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(runId, TableKeys.Escape(recipientId))
        {
            ["Status"] = DeliveryStatus.Queued.ToString(),
            ["SendingBy"] = "",
            ["UpdatedAt"] = now,
        };
        try
        {
            var response = await _table.UpdateEntityAsync(entity, new ETag(claimETag), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag?.ToString();
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Rows in Sending held by any incarnation of <paramref name="instanceId"/> (SendingBy "instance/incarnation")
    /// other than <paramref name="exceptHolder"/>: what a process of that instance held when it died. A scan of
    /// the whole table (no partition: the rows may belong to any run); run only when a restart finds its
    /// predecessor's registry entry, i.e. after a crash.
    /// </summary>
    public async Task<IReadOnlyList<DeliveryRow>> ListHeldByInstanceAsync(string instanceId, string exceptHolder, CancellationToken cancellationToken)
    {
        var from = instanceId + "/";
        var to = instanceId + "0"; // '0' follows '/': every "instance/…" sorts between the two
        var filter = TableClient.CreateQueryFilter($"Status eq {nameof(DeliveryStatus.Sending)} and SendingBy ge {from} and SendingBy lt {to}");
        var list = new List<DeliveryRow>();
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var row = ToRow(e);
            if (!string.Equals(row.SendingBy, exceptHolder, StringComparison.Ordinal))
            {
                list.Add(row);
            }
        }

        return list;
    }

    public async Task<IReadOnlyDictionary<DeliveryStatus, int>> CountAsync(string runId, CancellationToken cancellationToken)
    {
        var counts = Enum.GetValues<DeliveryStatus>().ToDictionary(s => s, _ => 0);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {runId}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, select: ["Status"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (Enum.TryParse<DeliveryStatus>(e.GetString("Status"), out var status))
            {
                counts[status]++;
            }
        }

        return counts;
    }

    public async Task<IReadOnlyList<DeliveryRow>> ListAsync(string runId, DeliveryStatus status, CancellationToken cancellationToken)
    {
        var list = new List<DeliveryRow>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {runId} and Status eq {status.ToString()}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToRow(e));
        }

        return list;
    }

    private static ETag Version(string? etag) => etag is { Length: > 0 } e ? new ETag(e) : ETag.All;
}

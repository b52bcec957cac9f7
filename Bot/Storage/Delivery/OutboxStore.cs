using Azure;
using Azure.Data.Tables;
using VolunteerBot.Storage;
using static VolunteerBot.Storage.Delivery.OutboxEntities;

namespace VolunteerBot.Storage.Delivery;

/// <summary>
/// One message a turn (or a job) must send outside its own reply, as written before the turn answers: the delivery
/// row it becomes (<see cref="RunId"/> / <see cref="RecipientId"/>) and the message already composed in the
/// recipient's language. The run id is derived from the dedupe key, so the same key always names the same row.
/// </summary>
public sealed record OutboxEntry(string RunId, string RecipientId, string Message, DateTimeOffset CreatedAt)
{
    /// <summary>Part of a mass mailing (many notifications from one turn, e.g. 邀请注册): relayed to the bulk lane, not the urgent one.</summary>
    public bool Bulk { get; init; }

    public string Key => RunId + "|" + TableKeys.Escape(RecipientId);
}

/// <summary>
/// Table <c>DeliveryOutbox</c>: PartitionKey "pending", RowKey = run id | recipient. A row exists from the moment a
/// turn commits its notifications until their delivery row and queue message exist; the relay then deletes it. A
/// process that dies in between leaves the row, and the periodic repair relays it (inserting the delivery row is
/// insert-if-absent and the row dedupes a second queue message, so relaying twice is harmless). The partition holds
/// only what is in flight, so the repair's scan stays small.
/// </summary>
public sealed class OutboxStore(StorageAccount account)
{
    private const int MaxBatch = 100;
    private readonly TableClient _table = account.Table(StorageNames.DeliveryOutbox);

    /// <summary>Writes the entries (upsert: a retried turn writes the same keys again), ≤100 per transaction.</summary>
    public async Task AddAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var chunk in entries.DistinctBy(e => e.Key, StringComparer.Ordinal).Chunk(MaxBatch))
        {
            if (chunk.Length == 1)
            {
                await _table.UpsertEntityAsync(ToEntity(chunk[0]), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await _table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(e))), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Entries written before <paramref name="before"/> and not relayed yet (oldest first).</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListOlderThanAsync(DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        var list = new List<OutboxEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Pending, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var entry = ToEntry(e);
            if (entry.CreatedAt < before)
            {
                list.Add(entry);
            }
        }

        return [.. list.OrderBy(e => e.CreatedAt).Take(max)];
    }

    public async Task DeleteAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Pending, entry.Key, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Relayed by someone else (the repair and the in-process relay may overlap).
        }
    }
}

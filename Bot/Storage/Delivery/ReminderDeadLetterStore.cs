using Azure.Data.Tables;
using VolunteerBot.Storage;
using static VolunteerBot.Storage.Delivery.ReminderDeadLetterEntities;

namespace VolunteerBot.Storage.Delivery;

/// <summary>
/// Table <c>ReminderDeadLetters</c>: PartitionKey = run id ("unknown" when unreadable), RowKey = newest first
/// + queue message id. Messages that could not be processed, with the reason, for an operator to look at.
/// </summary>
public sealed class ReminderDeadLetterStore(StorageAccount account)
{
    private readonly TableClient _table = account.Table(StorageNames.ReminderDeadLetters);

    public Task AddAsync(string? runId, string? recipientId, string messageId, long dequeueCount, string body, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(ToEntity(runId, recipientId, messageId, dequeueCount, body, reason, at), TableUpdateMode.Replace, cancellationToken);

    public async Task<IReadOnlyList<(string? RecipientId, string Reason)>> ListAsync(string runId, CancellationToken cancellationToken)
    {
        var list = new List<(string?, string)>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == runId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToDeadLetter(e));
        }

        return list;
    }
}

using Azure;
using Azure.Data.Tables;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>Idempotency</c>: PartitionKey = conversation id, RowKey = activity id. Teams retries an invoke
/// with the same activity id when the first answer was slow; the first one claims the row, a replay
/// gets the stored card back and runs nothing twice.
/// </summary>
public sealed class InvokeReplayStore(StorageAccount account, TimeProvider time)
{
    private const int MaxStoredChars = 30_000;
    private readonly TableClient _table = account.Table(StorageNames.Idempotency);

    /// <summary>True when this activity is new and now claimed; false when it was seen before.</summary>
    public async Task<bool> TryClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(TableKeys.Escape(conversationId), TableKeys.Escape(activityId))
            {
                ["ClaimedAt"] = time.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task CompleteAsync(string conversationId, string activityId, string? responseJson, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(conversationId), TableKeys.Escape(activityId))
        {
            ["Response"] = responseJson is { Length: <= MaxStoredChars } ? responseJson : null,
            ["CompletedAt"] = time.GetUtcNow(),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A claimed turn that did not finish (the handler failed) may be tried again.</summary>
    public async Task ReleaseAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        await _table.DeleteEntityAsync(TableKeys.Escape(conversationId), TableKeys.Escape(activityId), ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> GetResponseAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(conversationId), TableKeys.Escape(activityId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value!.GetString("Response") : null;
    }
}

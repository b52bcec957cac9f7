using Azure;
using Azure.Data.Tables;
using VolunteerBot.Storage;

namespace VolunteerBot.Storage.Delivery;

/// <summary>
/// Table <c>ReminderSenders</c>: PartitionKey "instance", RowKey = instance id, LastSeen (heartbeats: how many
/// senders share the budget); PartitionKey "pause", RowKey "all", Until (the shared 429 pause).
/// </summary>
public sealed class SenderRegistry(StorageAccount account)
{
    private const string Instances = "instance";
    private const string Pause = "pause";
    private const string All = "all";
    private readonly TableClient _table = account.Table(StorageNames.ReminderSenders);

    public Task HeartbeatAsync(string instanceId, DateTimeOffset now, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Instances, TableKeys.Escape(instanceId)) { ["LastSeen"] = now }, TableUpdateMode.Replace, cancellationToken);

    public async Task RemoveAsync(string instanceId, CancellationToken cancellationToken)
    {
        try
        {
            await _table.DeleteEntityAsync(Instances, TableKeys.Escape(instanceId), ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    /// <summary>Senders with a heartbeat newer than <paramref name="since"/> (one small partition).</summary>
    public async Task<int> CountLiveAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Instances, select: ["LastSeen"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.GetDateTimeOffset("LastSeen") is { } seen && seen >= since)
            {
                count++;
            }
        }

        return count;
    }

    public async Task<DateTimeOffset> GetPauseAsync(CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Pause, All, select: ["Until"], cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value!.GetDateTimeOffset("Until") ?? default : default;
    }

    /// <summary>Moves the shared pause to <paramref name="until"/> unless it already reaches further (ETag-guarded).</summary>
    public Task ExtendPauseAsync(DateTimeOffset until, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RunAsync(async ct =>
        {
            var response = await _table.GetEntityIfExistsAsync<TableEntity>(Pause, All, cancellationToken: ct).ConfigureAwait(false);
            var entity = new TableEntity(Pause, All) { ["Until"] = until };
            if (!response.HasValue)
            {
                await _table.AddEntityAsync(entity, ct).ConfigureAwait(false);
            }
            else if ((response.Value!.GetDateTimeOffset("Until") ?? default) < until)
            {
                await _table.UpdateEntityAsync(entity, response.Value.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);
}

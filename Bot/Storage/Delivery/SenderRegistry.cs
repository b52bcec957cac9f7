using Azure;
using Azure.Data.Tables;
using VolunteerBot.Storage;
using static VolunteerBot.Storage.Delivery.SenderRegistryEntities;

namespace VolunteerBot.Storage.Delivery;

/// <summary>One sender instance as the registry knows it: its current incarnation (process) and last heartbeat.</summary>
public sealed record SenderEntry(string InstanceId, string Incarnation, DateTimeOffset LastSeen);

/// <summary>
/// Table <c>ReminderSenders</c>: PartitionKey "instance", RowKey = instance id (stable across restarts of the same
/// instance), LastSeen and Incarnation (heartbeats: how many senders share the budget, and which process of each
/// instance is the live one); PartitionKey "pause", RowKey "all", Until (the shared 429 pause).
/// </summary>
public sealed class SenderRegistry(StorageAccount account)
{
    private readonly TableClient _table = account.Table(StorageNames.ReminderSenders);

    /// <summary>Writes this process's heartbeat; a restarted process of the same instance replaces its predecessor's entry.</summary>
    public Task HeartbeatAsync(string instanceId, string incarnation, DateTimeOffset now, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Instances, TableKeys.Escape(instanceId)) { ["LastSeen"] = now, ["Incarnation"] = incarnation, ["InstanceId"] = instanceId }, TableUpdateMode.Replace, cancellationToken);

    public async Task<SenderEntry?> GetAsync(string instanceId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Instances, TableKeys.Escape(instanceId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToSender(response.Value!) : null;
    }

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

    /// <summary>Every registered sender (one small partition), live or not: the caller decides by <see cref="SenderEntry.LastSeen"/>.</summary>
    public async Task<IReadOnlyList<SenderEntry>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<SenderEntry>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Instances, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToSender(e));
        }

        return list;
    }

    /// <summary>Senders with a heartbeat newer than <paramref name="since"/>.</summary>
    public async Task<int> CountLiveAsync(DateTimeOffset since, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken).ConfigureAwait(false)).Count(e => e.LastSeen >= since);

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

using System.Globalization;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Audit;
using static VolunteerBot.Storage.Rules.AuditTrailEntities;

namespace VolunteerBot.Storage.Rules;

/// <summary>
/// Table <c>AuditTrail</c>: PartitionKey = the action family (text before the first dot: <c>committee</c>, <c>liaison</c>,
/// <c>honours</c>, <c>points</c>); RowKey = reverse ticks of the time + a random suffix, so a family reads newest first.
/// </summary>
public sealed class AuditTrailTableStore(StorageAccount account) : IAuditTrail
{
    private readonly TableClient _table = account.Table(StorageNames.AuditTrail);

    public Task AddAsync(AuditEvent entry, CancellationToken cancellationToken) =>
        _table.AddEntityAsync(ToEntity(Family(entry.Action), TableKeys.ReverseTicks(entry.At) + "-" + Guid.NewGuid().ToString("N")[..8], entry), cancellationToken);

    public async Task<IReadOnlyList<AuditEvent>> ListAsync(string actionPrefix, int max, CancellationToken cancellationToken)
    {
        var list = new List<AuditEvent>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Family(actionPrefix)}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var action = e.GetString("Action") ?? "";
            if (action.StartsWith(actionPrefix, StringComparison.Ordinal))
            {
                list.Add(ToEvent(e));
            }

            if (list.Count >= max)
            {
                break;
            }
        }

        return list;
    }

    private static string Family(string action)
    {
        var dot = action.IndexOf('.', StringComparison.Ordinal);
        return (dot < 0 ? action : action[..dot]).ToLower(CultureInfo.InvariantCulture);
    }
}

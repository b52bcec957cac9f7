using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;
using static VolunteerBot.Storage.PointsRulesEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>PointsRules</c>: PartitionKey <c>rules</c>; RowKey <c>current</c> (the formula in force) and
/// <c>h-{reverse ticks}</c> (every saved version, newest first: who changed the rules and when).
/// </summary>
public sealed class PointsRulesTableStore(StorageAccount account) : IPointsRulesStore
{
    private readonly TableClient _table = account.Table(StorageNames.PointsRules);

    public async Task<PointsRules> GetAsync(CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, "current", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return PointsRules.Default;
        }

        return ToRules(response.Value!);
    }

    public async Task SaveAsync(PointsRules rules, CancellationToken cancellationToken)
    {
        var at = rules.ChangedAt ?? throw new ArgumentException("Rules carry who changed them and when.", nameof(rules));
        await _table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpsertReplace, ToEntity("current", rules)),
            new(TableTransactionActionType.UpsertReplace, ToEntity("h-" + TableKeys.ReverseTicks(at), rules)),
        ], cancellationToken).ConfigureAwait(false);
    }
}

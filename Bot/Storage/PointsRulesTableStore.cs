using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>PointsRules</c>: PartitionKey <c>rules</c>; RowKey <c>current</c> (the formula in force) and
/// <c>h-{reverse ticks}</c> (every saved version, newest first: who changed the rules and when).
/// </summary>
public sealed class PointsRulesTableStore(StorageAccount account) : IPointsRulesStore
{
    private const string Partition = "rules";
    private readonly TableClient _table = account.Table(StorageNames.PointsRules);

    public async Task<PointsRules> GetAsync(CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, "current", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return PointsRules.Default;
        }

        var e = response.Value!;
        return new PointsRules
        {
            PointsPerHour = (decimal)(e.GetDouble("PointsPerHour") ?? 10),
            GoodFactor = (decimal)(e.GetDouble("GoodFactor") ?? 1.2),
            FairFactor = (decimal)(e.GetDouble("FairFactor") ?? 1.0),
            PoorFactor = (decimal)(e.GetDouble("PoorFactor") ?? 0.6),
            ChangedByAadObjectId = e.GetString("ChangedBy"),
            ChangedByName = e.GetString("ChangedByName"),
            ChangedAt = e.GetDateTimeOffset("ChangedAt"),
        };
    }

    public async Task SaveAsync(PointsRules rules, CancellationToken cancellationToken)
    {
        var at = rules.ChangedAt ?? throw new ArgumentException("Rules carry who changed them and when.", nameof(rules));
        await _table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.UpsertReplace, Entity("current", rules)),
            new(TableTransactionActionType.UpsertReplace, Entity("h-" + TableKeys.ReverseTicks(at), rules)),
        ], cancellationToken).ConfigureAwait(false);
    }

    private static TableEntity Entity(string row, PointsRules r) => new(Partition, row)
    {
        ["PointsPerHour"] = (double)r.PointsPerHour,
        ["GoodFactor"] = (double)r.GoodFactor,
        ["FairFactor"] = (double)r.FairFactor,
        ["PoorFactor"] = (double)r.PoorFactor,
        ["ChangedBy"] = r.ChangedByAadObjectId,
        ["ChangedByName"] = r.ChangedByName,
        ["ChangedAt"] = r.ChangedAt,
    };
}

using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>ServiceRecordConfirmations</c>: PartitionKey = project id; RowKeys <c>card</c> (the liaison's card was sent),
/// <c>nudge</c> (the working-day-8 nudge was sent) — each inserted once, so a claim succeeds for one caller only —
/// and <c>confirmed</c> (last confirmation: who, when).
/// </summary>
public sealed class ServiceRecordConfirmationTableStore(StorageAccount account) : IActivityConfirmationStore
{
    private readonly TableClient _table = account.Table(StorageNames.ServiceRecordConfirmations);

    public async Task<ActivityConfirmation> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(projectId);
        DateTimeOffset? card = null, nudge = null, confirmed = null;
        string? by = null;
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            switch (e.RowKey)
            {
                case "card": card = e.GetDateTimeOffset("At"); break;
                case "nudge": nudge = e.GetDateTimeOffset("At"); break;
                case "confirmed": confirmed = e.GetDateTimeOffset("At"); by = e.GetString("ByName"); break;
            }
        }

        return new ActivityConfirmation(projectId, card, nudge, confirmed, by);
    }

    public Task<bool> TryClaimCardAsync(string projectId, DateTimeOffset at, CancellationToken cancellationToken) => ClaimAsync(projectId, "card", at, cancellationToken);

    public Task<bool> TryClaimNudgeAsync(string projectId, DateTimeOffset at, CancellationToken cancellationToken) => ClaimAsync(projectId, "nudge", at, cancellationToken);

    public Task MarkConfirmedAsync(string projectId, Actor by, DateTimeOffset at, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(projectId), "confirmed") { ["At"] = at, ["By"] = by.AadObjectId, ["ByName"] = by.Name },
            TableUpdateMode.Replace, cancellationToken);

    private async Task<bool> ClaimAsync(string projectId, string row, DateTimeOffset at, CancellationToken ct)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(TableKeys.Escape(projectId), row) { ["At"] = at }, ct).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}

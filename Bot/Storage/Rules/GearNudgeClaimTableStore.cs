using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Gear;

namespace VolunteerBot.Storage.Rules;

/// <summary>Table <c>GearNudges</c>: PartitionKey = loan id, RowKey = stage key (<c>d1-yyyyMMdd</c>, <c>w3-yyyyMMdd</c>); an insert claims a nudge.</summary>
public sealed class GearNudgeClaimTableStore(StorageAccount account) : IGearNudgeClaims
{
    private readonly TableClient _table = account.Table(StorageNames.GearNudges);

    public async Task<bool> TryClaimAsync(string loanId, string stageKey, DateTimeOffset at, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(TableKeys.Escape(loanId), stageKey) { ["ClaimedAt"] = at }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}

using Azure;
using Azure.Data.Tables;
using VolunteerBot.Storage;

namespace VolunteerBot.Storage.Reminders;

/// <summary>
/// Table <c>SignUpReminders</c>: PartitionKey = project id, RowKey "dayBefore-yyyyMMdd" (the local activity date).
/// The first instance to insert the row sends the reminder; every other (scale-out, restart) gets 409 and skips.
/// </summary>
public sealed class SignUpReminderClaims(StorageAccount account, TimeProvider time)
{
    private readonly TableClient _table = account.Table(StorageNames.SignUpReminders);

    public async Task<bool> TryClaimAsync(string projectId, DateOnly activityDate, CancellationToken cancellationToken)
    {
        try
        {
            await _table.AddEntityAsync(new TableEntity(TableKeys.Escape(projectId), "dayBefore-" + activityDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture))
            {
                ["ClaimedAt"] = time.GetUtcNow(),
                ["Instance"] = Environment.MachineName,
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }
}

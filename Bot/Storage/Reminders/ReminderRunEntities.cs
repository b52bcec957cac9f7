using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Storage;

namespace VolunteerBot.Storage.Reminders;

/// <summary>Maps reminder runs (one row per quarter and kind) to table entities and back.</summary>
internal static class ReminderRunEntities
{
    public static TableEntity ToEntity(ReminderRunRecord r) => new(r.Quarter.Id, r.KindKey)
    {
        ["Kind"] = r.Kind.ToString(),
        ["Trigger"] = r.Trigger,
        ["RequestedBy"] = r.RequestedBy,
        ["Label"] = r.Label,
        ["ClaimedAt"] = r.ClaimedAt,
        ["ClaimedBy"] = r.ClaimedBy,
        ["FanOutDone"] = r.FanOutDone,
        ["FanOutHeartbeat"] = r.FanOutHeartbeat,
        ["Checkpoint"] = r.Checkpoint,
        ["Recipients"] = r.Recipients,
    };

    public static ReminderRunRecord ToRun(TableEntity e)
    {
        Quarter.TryParse(e.PartitionKey, out var quarter);
        return new ReminderRunRecord
        {
            Quarter = quarter,
            KindKey = e.RowKey,
            Kind = Enum.TryParse<ReminderKind>(e.GetString("Kind"), out var kind) ? kind : ReminderKind.Manual,
            Trigger = e.GetString("Trigger") ?? "",
            RequestedBy = e.GetString("RequestedBy"),
            Label = e.GetString("Label"),
            ClaimedAt = e.GetDateTimeOffset("ClaimedAt") ?? default,
            ClaimedBy = e.GetString("ClaimedBy") ?? "",
            FanOutDone = e.GetBoolean("FanOutDone") ?? false,
            FanOutHeartbeat = e.GetDateTimeOffset("FanOutHeartbeat") ?? default,
            Checkpoint = e.GetString("Checkpoint") ?? "",
            Recipients = e.GetInt32("Recipients") ?? 0,
            ETag = e.ETag,
        };
    }
}

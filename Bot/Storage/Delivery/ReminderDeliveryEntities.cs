using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Storage;

namespace VolunteerBot.Storage.Delivery;

/// <summary>Maps reminder delivery rows (one per run and recipient) to table entities and back.</summary>
internal static class ReminderDeliveryEntities
{
    public static TableEntity ToEntity(DeliveryRow r) => new(r.RunId, TableKeys.Escape(r.RecipientId))
    {
        ["RecipientId"] = r.RecipientId,
        ["Audience"] = r.Audience.ToString(),
        ["Status"] = r.Status.ToString(),
        ["Message"] = r.Message,
        ["Attempts"] = r.Attempts,
        ["SendingSince"] = r.SendingSince,
        ["SendingBy"] = r.SendingBy,
        ["SentAt"] = r.SentAt,
        ["Reason"] = r.Reason,
        ["UpdatedAt"] = r.UpdatedAt,
    };

    public static DeliveryRow ToRow(TableEntity e) => new()
    {
        RunId = e.PartitionKey,
        RecipientId = e.GetString("RecipientId") ?? e.RowKey,
        Audience = Enum.TryParse<ReminderAudience>(e.GetString("Audience"), out var a) ? a : ReminderAudience.Volunteer,
        Status = Enum.TryParse<DeliveryStatus>(e.GetString("Status"), out var s) ? s : DeliveryStatus.Queued,
        Message = e.GetString("Message") ?? "",
        Attempts = e.GetInt32("Attempts") ?? 0,
        SendingSince = e.GetDateTimeOffset("SendingSince"),
        SendingBy = e.GetString("SendingBy") is { Length: > 0 } by ? by : null,
        SentAt = e.GetDateTimeOffset("SentAt"),
        Reason = e.GetString("Reason") is { Length: > 0 } reason ? reason : null,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        ETag = e.ETag.ToString(),
    };
}

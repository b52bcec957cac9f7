using Azure;
using Azure.Data.Tables;
using VolunteerBot.Storage;

namespace VolunteerBot.Storage.Delivery;

/// <summary>Maps outbox entries to table entities and back; the pending partition.</summary>
internal static class OutboxEntities
{
    public const string Pending = "pending";

    public static TableEntity ToEntity(OutboxEntry e) => new(Pending, e.Key)
    {
        ["RunId"] = e.RunId,
        ["RecipientId"] = e.RecipientId,
        ["Message"] = e.Message,
        ["CreatedAt"] = e.CreatedAt,
        ["Bulk"] = e.Bulk,
    };

    public static OutboxEntry ToEntry(TableEntity e) => new(
        e.GetString("RunId") ?? "",
        e.GetString("RecipientId") ?? "",
        e.GetString("Message") ?? "",
        e.GetDateTimeOffset("CreatedAt") ?? default)
    {
        Bulk = e.GetBoolean("Bulk") ?? false,
    };
}

using Azure;
using Azure.Data.Tables;
using VolunteerBot.Storage;

namespace VolunteerBot.Storage.Delivery;

/// <summary>Maps the senders' registry rows (one per instance) back to entries; the instance and pause row keys.</summary>
internal static class SenderRegistryEntities
{
    public const string Instances = "instance";

    public const string Pause = "pause";

    public const string All = "all";

    public static SenderEntry ToSender(TableEntity e) =>
        new(e.GetString("InstanceId") ?? e.RowKey, e.GetString("Incarnation") ?? "", e.GetDateTimeOffset("LastSeen") ?? default);
}

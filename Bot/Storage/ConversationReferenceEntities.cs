using System.Collections.Concurrent;
using VolunteerBot.Channel;
using Azure;
using Azure.Data.Tables;

namespace VolunteerBot.Storage;

/// <summary>Maps conversation references to table entities and back; the partition (personal, team, group chat) and row key of each kind.</summary>
internal static class ConversationReferenceEntities
{
    public const string Personal = "personal";

    public const string Team = "team";

    public const string GroupChat = "groupChat";

    public static string PartitionOf(string conversationType) => conversationType switch
    {
        "personal" => Personal,
        "channel" => Team,
        _ => GroupChat,
    };

    public static (string Pk, string? Rk) KeysOf(ConversationReference r) => r.ConversationType switch
    {
        "personal" => (Personal, r.AadObjectId),
        "channel" => (Team, r.TeamId ?? r.ConversationId),
        _ => (GroupChat, r.ConversationId),
    };

    public static TableEntity ToEntity(string pk, string rk, ConversationReference reference) => new(pk, rk)
    {
        ["ConversationId"] = reference.ConversationId,
        ["ConversationType"] = reference.ConversationType,
        ["ServiceUrl"] = reference.ServiceUrl,
        ["TenantId"] = reference.TenantId,
        ["AadObjectId"] = reference.AadObjectId,
        ["ChannelUserId"] = reference.ChannelUserId,
        ["UserName"] = reference.UserName,
        ["BotId"] = reference.BotId,
        ["BotName"] = reference.BotName,
        ["TeamId"] = reference.TeamId,
        ["TeamName"] = reference.TeamName,
        ["ChannelId"] = reference.ChannelId,
        ["Active"] = reference.Active,
        ["Unreachable"] = reference.Unreachable,
        ["UpdatedAt"] = reference.UpdatedAt,
    };

    public static ConversationReference ToReference(TableEntity e) => new()
    {
        ConversationId = e.GetString("ConversationId") ?? "",
        ConversationType = e.GetString("ConversationType") ?? "",
        ServiceUrl = e.GetString("ServiceUrl") ?? "",
        TenantId = e.GetString("TenantId") ?? "",
        AadObjectId = e.GetString("AadObjectId"),
        ChannelUserId = e.GetString("ChannelUserId"),
        UserName = e.GetString("UserName"),
        BotId = e.GetString("BotId"),
        BotName = e.GetString("BotName"),
        TeamId = e.GetString("TeamId"),
        TeamName = e.GetString("TeamName"),
        ChannelId = e.GetString("ChannelId"),
        Active = e.GetBoolean("Active") ?? true,
        Unreachable = e.GetBoolean("Unreachable") ?? false,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
    };
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace VolunteerBot.Channel.Schema;

/// <summary>
/// The Bot Framework activity, as much of it as a Teams bot reads or writes. Field names follow the
/// Bot Framework schema; anything we do not model survives a round trip through <see cref="Extra"/>.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public DateTimeOffset? LocalTimestamp { get; set; }
    public string? LocalTimezone { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? Text { get; set; }
    public string? Summary { get; set; }
    public string? Locale { get; set; }
    public string? ReplyToId { get; set; }
    public string? Name { get; set; }
    public string? Action { get; set; }
    public string? AttachmentLayout { get; set; }
    public JsonElement? Value { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public List<Entity>? Entities { get; set; }
    public TeamsChannelData? ChannelData { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string InvokeResponse = "invokeResponse";
    public const string MessageReaction = "messageReaction";
    public const string Typing = "typing";
}

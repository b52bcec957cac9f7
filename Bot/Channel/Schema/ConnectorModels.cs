using System.Text.Json;
using System.Text.Json.Serialization;

namespace VolunteerBot.Channel.Schema;

/// <summary>The body Teams needs to open a 1:1 conversation proactively (tenant id is required).</summary>
public sealed class ConversationParameters
{
    public bool IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TopicName { get; set; }
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public JsonElement? ChannelData { get; set; }
}

public sealed class ConversationResourceResponse
{
    public string? Id { get; set; }
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

public sealed class ResourceResponse
{
    public string? Id { get; set; }
}

public sealed class PagedMembersResult
{
    public string? ContinuationToken { get; set; }
    public List<ChannelAccount>? Members { get; set; }
}

/// <summary>Connector error body: <c>{"error":{"code":"…","message":"…"}}</c>.</summary>
public sealed class ErrorResponse
{
    public ErrorDetail? Error { get; set; }
}

public sealed class ErrorDetail
{
    public string? Code { get; set; }
    public string? Message { get; set; }
}

/// <summary>The Universal Actions invoke response (adaptiveCard/action).</summary>
public sealed class AdaptiveCardInvokeResponse
{
    public int StatusCode { get; set; }
    public string? Type { get; set; }
    public JsonElement? Value { get; set; }
}

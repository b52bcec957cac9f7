using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Channel.Connector;

/// <summary>
/// The Bot Connector REST calls a Teams bot makes. Implementations attach the bot's token only to
/// allow-listed service URLs and apply the retry rules of DESIGN.md.
/// </summary>
public interface IConnectorClient
{
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken);

    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);

    /// <summary>Opens (or finds) the 1:1 conversation with a user; Teams requires the tenant id.</summary>
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);

    Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int pageSize, string? continuationToken, CancellationToken cancellationToken);

    /// <summary>Downloads an attachment (e.g. an image a user sent) from a Teams/Bot Framework host.</summary>
    Task<byte[]> DownloadAttachmentAsync(string url, long maxBytes, CancellationToken cancellationToken);
}

/// <summary>A connector call that failed after the retry rules gave up.</summary>
public class ConnectorException(int statusCode, string? code, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string? Code { get; } = code;

    /// <summary>The server's Retry-After (429, 503), when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>403 MessageWritesBlocked / uninstalled: the user cannot be reached; do not retry.</summary>
public sealed class UserUnreachableException(string? code, string message) : ConnectorException(403, code, message);

/// <summary>The serviceUrl is not one of the configured cloud's Bot Framework hosts; no request (and no token) was sent.</summary>
public sealed class ServiceUrlNotAllowedException(string serviceUrl)
    : ConnectorException(0, "ServiceUrlNotAllowed", $"Service URL '{serviceUrl}' is not allow-listed.")
{
    public string ServiceUrl { get; } = serviceUrl;
}

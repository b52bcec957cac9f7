using VolunteerBot.Channel.Connector;
using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Delivery.RateLimiting;

/// <summary>
/// The connector as the reminder sender uses it: every send waits for the <see cref="DeliveryThrottle"/> right
/// before the request leaves, keyed by conversation. Waiting here (after the storage reads, not before them)
/// keeps the requests evenly spaced as they arrive at Teams, whatever the storage latency. Calls are tried once
/// (<see cref="ConnectorRetry.SingleAttempt"/>): the sender turns a 429 into a pause for every sender and retries
/// 5xx through the queue with its own backoff.
/// </summary>
public sealed class ThrottledConnectorClient(IConnectorClient inner, DeliveryThrottle throttle) : IConnectorClient
{
    public async Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken)
    {
        await throttle.WaitAsync(conversationId, cancellationToken).ConfigureAwait(false);
        using (ConnectorRetry.SingleAttempt())
        {
            return await inner.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken)
    {
        await throttle.WaitAsync(conversationId, cancellationToken).ConfigureAwait(false);
        using (ConnectorRetry.SingleAttempt())
        {
            return await inner.ReplyToActivityAsync(serviceUrl, conversationId, replyToId, activity, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        await throttle.WaitAsync(conversationId, cancellationToken).ConfigureAwait(false);
        using (ConnectorRetry.SingleAttempt())
        {
            return await inner.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        // Creating a 1:1 chat counts against the app's budget like a send, and against the limits of the chat it
        // opens (the person's), not of a shared key: creates for different people do not slow each other down.
        await throttle.WaitAsync("create:" + (parameters.Members?.FirstOrDefault()?.Id ?? parameters.TenantId), cancellationToken).ConfigureAwait(false);
        using (ConnectorRetry.SingleAttempt())
        {
            return await inner.CreateConversationAsync(serviceUrl, parameters, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        inner.GetPagedMembersAsync(serviceUrl, conversationId, pageSize, continuationToken, cancellationToken);

    public Task<byte[]> DownloadAttachmentAsync(string url, long maxBytes, CancellationToken cancellationToken) =>
        inner.DownloadAttachmentAsync(url, maxBytes, cancellationToken);
}

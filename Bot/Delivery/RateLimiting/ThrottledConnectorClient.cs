using VolunteerBot.Channel.Connector;
using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Delivery.RateLimiting;

/// <summary>
/// The connector as the reminder sender uses it: every send waits for the <see cref="DeliveryThrottle"/> right
/// before the request leaves, keyed by conversation. Waiting here (after the storage reads, not before them)
/// keeps the requests evenly spaced as they arrive at Teams, whatever the storage latency. A shared 429 pause and
/// the conversation's own limits are waited out before the call; the app-wide slot is taken when the HTTP client
/// writes the request to a connection (<see cref="ConnectorWireGate"/>), so time spent waiting for a connection
/// (one being opened, or all busy with slow answers) does not bunch the requests on the wire. A client that does
/// not write through <see cref="ConnectorWireGate"/> (anything but <see cref="ConnectorClient"/>) takes the slot
/// before the call instead. Calls are tried once
/// (<see cref="ConnectorRetry.SingleAttempt"/>): the sender turns a 429 into a pause for every sender and retries
/// 5xx through the queue with its own backoff.
/// </summary>
public sealed class ThrottledConnectorClient(IConnectorClient inner, DeliveryThrottle throttle) : IConnectorClient
{
    private readonly bool _gatesOnTheWire = inner is ConnectorClient;

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        ThrottledAsync(conversationId, () => inner.SendToConversationAsync(serviceUrl, conversationId, activity, cancellationToken), cancellationToken);

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        ThrottledAsync(conversationId, () => inner.ReplyToActivityAsync(serviceUrl, conversationId, replyToId, activity, cancellationToken), cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        ThrottledAsync(conversationId, () => inner.UpdateActivityAsync(serviceUrl, conversationId, activityId, activity, cancellationToken), cancellationToken);

    // Creating a 1:1 chat counts against the app's budget like a send, and against the limits of the chat it
    // opens (the person's), not of a shared key: creates for different people do not slow each other down.
    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken) =>
        ThrottledAsync("create:" + (parameters.Members?.FirstOrDefault()?.Id ?? parameters.TenantId), () => inner.CreateConversationAsync(serviceUrl, parameters, cancellationToken), cancellationToken);

    public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
        inner.GetPagedMembersAsync(serviceUrl, conversationId, pageSize, continuationToken, cancellationToken);

    public Task<byte[]> DownloadAttachmentAsync(string url, long maxBytes, CancellationToken cancellationToken) =>
        inner.DownloadAttachmentAsync(url, maxBytes, cancellationToken);

    private async Task<T> ThrottledAsync<T>(string key, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        if (!_gatesOnTheWire)
        {
            await throttle.WaitAsync(key, cancellationToken).ConfigureAwait(false);
            using (ConnectorRetry.SingleAttempt())
            {
                return await call().ConfigureAwait(false);
            }
        }

        await throttle.WaitForOwnLimitsAsync(key, cancellationToken).ConfigureAwait(false);
        using (ConnectorRetry.SingleAttempt())
        using (ConnectorWireGate.Use(ct => throttle.WaitAsync(key, ct)))
        {
            return await call().ConfigureAwait(false);
        }
    }
}

using System.Net.Http.Json;
using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Channel.Connector;

/// <summary>
/// Bot Connector REST client. (Foundation version: plain JSON calls; token, allow-list and resilience are
/// layered in Channel/Connector by the channel work.)
/// </summary>
public sealed class ConnectorClient(HttpClient http) : IConnectorClient
{
    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        PostAsync<ResourceResponse>(Url(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities"), activity, cancellationToken);

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        PostAsync<ResourceResponse>(Url(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(replyToId)}"), activity, cancellationToken);

    public async Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        using var response = await http.PutAsJsonAsync(Url(serviceUrl, $"v3/conversations/{Uri.EscapeDataString(conversationId)}/activities/{Uri.EscapeDataString(activityId)}"), activity, ChannelJsonContext.Default.Activity, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<ResourceResponse>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(Url(serviceUrl, "v3/conversations"), parameters, ChannelJsonContext.Default.ConversationParameters, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<ConversationResourceResponse>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = $"v3/conversations/{Uri.EscapeDataString(conversationId)}/pagedmembers?pageSize={pageSize}"
            + (continuationToken is null ? "" : "&continuationToken=" + Uri.EscapeDataString(continuationToken));
        using var response = await http.GetAsync(Url(serviceUrl, query), cancellationToken).ConfigureAwait(false);
        return await ReadAsync<PagedMembersResult>(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<byte[]> DownloadAttachmentAsync(string url, long maxBytes, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> PostAsync<T>(Uri url, Activity activity, CancellationToken cancellationToken) where T : new()
    {
        using var response = await http.PostAsJsonAsync(url, activity, ChannelJsonContext.Default.Activity, cancellationToken).ConfigureAwait(false);
        return await ReadAsync<T>(response, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken) where T : new()
    {
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            if (status == 403)
            {
                throw new UserUnreachableException(null, "Connector answered 403");
            }

            var retryAfter = response.Headers.RetryAfter is { } ra
                ? ra.Delta ?? (ra.Date is { } date ? date - DateTimeOffset.UtcNow : null)
                : null;
            throw new ConnectorException(status, null, $"Connector answered {status}") { RetryAfter = retryAfter };
        }

        if (response.Content.Headers.ContentLength == 0)
        {
            return new T();
        }

        var typeInfo = ChannelJsonContext.Default.GetTypeInfo(typeof(T)) as System.Text.Json.Serialization.Metadata.JsonTypeInfo<T>;
        try
        {
            return (typeInfo is null ? default : await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false)) ?? new T();
        }
        catch (System.Text.Json.JsonException)
        {
            return new T();
        }
    }

    private static Uri Url(string serviceUrl, string path) => new(serviceUrl.TrimEnd('/') + "/" + path);
}

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Options;
using VolunteerBot.Channel.Schema;
using VolunteerBot.Hosting;
using Activity = VolunteerBot.Channel.Schema.Activity;

namespace VolunteerBot.Channel.Connector;

/// <summary>
/// Bot Connector REST client. Refuses service URLs outside the allow-list before any request is sent (so the
/// token goes nowhere else), attaches the bot's token (none in local mode without a credential), and applies
/// <see cref="ConnectorRetry"/>. Every call is a span and is counted by operation and status.
/// </summary>
public sealed partial class ConnectorClient(
    IHttpClientFactory httpClients,
    ServiceUrlPolicy policy,
    ITokenProvider tokens,
    ConnectorDelay delay,
    IOptions<BotOptions> options,
    TimeProvider time,
    ILogger<ConnectorClient> logger) : IConnectorClient
{
    public const string HttpClientName = "VolunteerBot.Connector";

    private const int MaxRedirects = 3;

    public Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync("send", HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities",
            Serialize(activity, ChannelJsonContext.Default.Activity), IsPersonal(conversationId), ChannelJsonContext.Default.ResourceResponse, cancellationToken);

    public Task<ResourceResponse> ReplyToActivityAsync(string serviceUrl, string conversationId, string replyToId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync("reply", HttpMethod.Post, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(replyToId)}",
            Serialize(activity, ChannelJsonContext.Default.Activity), IsPersonal(conversationId), ChannelJsonContext.Default.ResourceResponse, cancellationToken);

    public Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken) =>
        CallAsync("update", HttpMethod.Put, serviceUrl, $"v3/conversations/{Escape(conversationId)}/activities/{Escape(activityId)}",
            Serialize(activity, ChannelJsonContext.Default.Activity), IsPersonal(conversationId), ChannelJsonContext.Default.ResourceResponse, cancellationToken);

    public Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (string.IsNullOrEmpty(parameters.TenantId))
        {
            throw new ArgumentException("Teams needs the tenant id to open a 1:1 conversation.", nameof(parameters));
        }

        // Teams reads the tenant from channelData.tenant.id; the REST schema has it as tenantId. Send both.
        parameters.ChannelData ??= JsonSerializer.SerializeToElement(
            new TeamsChannelData { Tenant = new TenantInfo { Id = parameters.TenantId } }, ChannelJsonContext.Default.TeamsChannelData);
        return CallAsync("createConversation", HttpMethod.Post, serviceUrl, "v3/conversations",
            Serialize(parameters, ChannelJsonContext.Default.ConversationParameters), true, ChannelJsonContext.Default.ConversationResourceResponse, cancellationToken);
    }

    public Task<PagedMembersResult> GetPagedMembersAsync(string serviceUrl, string conversationId, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var path = $"v3/conversations/{Escape(conversationId)}/pagedmembers?pageSize={pageSize}"
            + (string.IsNullOrEmpty(continuationToken) ? "" : "&continuationToken=" + Uri.EscapeDataString(continuationToken));
        return CallAsync("pagedMembers", HttpMethod.Get, serviceUrl, path, null, false, ChannelJsonContext.Default.PagedMembersResult, cancellationToken);
    }

    /// <summary>
    /// Downloads an attachment. Allow-listed Teams/Bot Framework hosts get the bot's token; the cloud's
    /// pre-authenticated file hosts (SharePoint) are fetched without it; anything else, and any non-https
    /// non-loopback URL, is refused. Redirects are followed by hand so each hop is checked again.
    /// </summary>
    public async Task<byte[]> DownloadAttachmentAsync(string url, long maxBytes, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var current))
        {
            throw new ServiceUrlNotAllowedException(url);
        }

        using var span = StartSpan("download", current);
        var http = httpClients.CreateClient(HttpClientName);
        for (var hop = 0; ; hop++)
        {
            var withToken = policy.MayReceiveToken(current);
            if (!withToken && !policy.IsFileDownloadHost(current))
            {
                LogRefused("download", current.Host);
                throw new ServiceUrlNotAllowedException(current.GetLeftPart(UriPartial.Path));
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.Authorization = withToken ? await AuthorizationAsync(current, cancellationToken).ConfigureAwait(false) : null;
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            Count("download", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (hop >= MaxRedirects)
                {
                    throw new ConnectorException(status, "TooManyRedirects", "Attachment download redirected too often.");
                }

                current = new Uri(current, location);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ConnectorException(status, null, $"Attachment download answered {status}.");
            }

            if (response.Content.Headers.ContentLength > maxBytes)
            {
                throw new ConnectorException(status, "AttachmentTooLarge", $"Attachment is larger than {maxBytes} bytes.");
            }

            return await ReadCappedAsync(response.Content, maxBytes, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T> CallAsync<T>(string operation, HttpMethod method, string serviceUrl, string path, byte[]? body, bool toUser, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : new()
    {
        if (!Uri.TryCreate(serviceUrl, UriKind.Absolute, out var service) || !policy.MayReceiveToken(service))
        {
            LogRefused(operation, service?.Host ?? "(invalid)");
            throw new ServiceUrlNotAllowedException(serviceUrl);
        }

        var url = new Uri(serviceUrl.TrimEnd('/') + "/" + path);
        using var span = StartSpan(operation, service);
        var authorization = await AuthorizationAsync(service, cancellationToken).ConfigureAwait(false);
        var http = httpClients.CreateClient(HttpClientName);
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Authorization = authorization;
            if (body is not null)
            {
                request.Content = ConnectorWireGate.Current is { } gate ? ConnectorWireGate.Content(body, gate) : new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                Count(operation, "network");
                if (attempt >= MaxAttempts || ConnectorRetry.IsSingleAttempt)
                {
                    span?.SetStatus(ActivityStatusCode.Error, "network");
                    throw new ConnectorException(0, "NetworkError", $"Connector {operation} failed: {ex.Message}");
                }

                var wait = ConnectorRetry.Backoff(attempt);
                LogRetry(operation, 0, attempt, wait.TotalMilliseconds);
                await delay.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                Count(operation, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                span?.SetTag("http.response.status_code", status);
                if (response.IsSuccessStatusCode)
                {
                    return await ReadAsync(response, type, cancellationToken).ConfigureAwait(false);
                }

                var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                TimeSpan? retryIn = null;
                if (status == (int)HttpStatusCode.TooManyRequests)
                {
                    BotTelemetry.ConnectorThrottled.Add(1, new KeyValuePair<string, object?>("operation", operation));
                    retryIn = ConnectorRetry.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow(), attempt);
                }
                else if (ConnectorRetry.IsRetryable(status))
                {
                    retryIn = ConnectorRetry.Backoff(attempt);
                }

                if (retryIn is { } wait && attempt < MaxAttempts && !ConnectorRetry.IsSingleAttempt)
                {
                    LogRetry(operation, status, attempt, wait.TotalMilliseconds);
                    await delay.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                span?.SetStatus(ActivityStatusCode.Error, error.Code ?? status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                LogFailed(operation, status, error.Code, attempt);
                if (status == (int)HttpStatusCode.Forbidden && (toUser || IsUnreachableCode(error.Code)))
                {
                    throw new UserUnreachableException(error.Code, $"Connector {operation} answered 403 {error.Code}: the user cannot be reached.");
                }

                throw new ConnectorException(status, error.Code, $"Connector {operation} answered {status} {error.Code}: {error.Message}")
                {
                    RetryAfter = status == (int)HttpStatusCode.TooManyRequests ? retryIn : null,
                };
            }
        }
    }

    private static int MaxAttempts => ConnectorRetry.MaxAttempts;

    private async Task<AuthenticationHeaderValue?> AuthorizationAsync(Uri serviceUrl, CancellationToken cancellationToken)
    {
        if (tokens.HasCredential)
        {
            return new AuthenticationHeaderValue("Bearer", await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false));
        }

        if (options.Value.AllowLocalUnauthenticated && serviceUrl.IsLoopback)
        {
            // The Playground's mock connector accepts token-less calls from a bot with no credential.
            return null;
        }

        LogNoCredential();
        throw new ConnectorException(0, "NoCredential", "No bot credential is configured (Bot:ClientSecret, Bot:CertificatePath or AppType UserAssignedMSI).");
    }

    private static bool IsUnreachableCode(string? code) =>
        code is "MessageWritesBlocked" or "ConversationBlockedByUser";

    /// <summary>Teams personal (1:1) conversation ids start with "a:"; a 403 there means the user is unreachable.</summary>
    private static bool IsPersonal(string conversationId) => conversationId.StartsWith("a:", StringComparison.Ordinal);

    private static string Escape(string segment) => Uri.EscapeDataString(segment);

    private static byte[] Serialize<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken) where T : new()
    {
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (bytes.Length == 0)
        {
            return new T();
        }

        try
        {
            return JsonSerializer.Deserialize(bytes, type) ?? new T();
        }
        catch (JsonException)
        {
            return new T();
        }
    }

    /// <summary>Reads <c>{"error":{"code","message"}}</c>; tolerates <c>{"error":"text"}</c> and non-JSON bodies.</summary>
    private static async Task<ErrorDetail> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("error", out var error))
            {
                return error.ValueKind switch
                {
                    JsonValueKind.Object => new ErrorDetail
                    {
                        Code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null,
                        Message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null,
                    },
                    JsonValueKind.String => new ErrorDetail { Message = error.GetString() },
                    _ => new ErrorDetail(),
                };
            }
        }
        catch (JsonException)
        {
            // Not JSON: keep a short excerpt as the message.
        }

        return new ErrorDetail { Message = text.Length > 200 ? text[..200] : text };
    }

    private static async Task<byte[]> ReadCappedAsync(HttpContent content, long maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new ConnectorException(200, "AttachmentTooLarge", $"Attachment is larger than {maxBytes} bytes.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static System.Diagnostics.Activity? StartSpan(string operation, Uri service)
    {
        var span = BotTelemetry.Source.StartActivity("connector " + operation, ActivityKind.Client);
        span?.SetTag("connector.operation", operation);
        span?.SetTag("server.address", service.Host);
        return span;
    }

    private static void Count(string operation, string status) =>
        BotTelemetry.ConnectorCalls.Add(1,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("status", status));

    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Connector {Operation} refused: service URL host {Host} is not allow-listed; nothing was sent")]
    private partial void LogRefused(string operation, string host);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Connector {Operation} answered {Status} on attempt {Attempt}; retrying in {DelayMs} ms")]
    private partial void LogRetry(string operation, int status, int attempt, double delayMs);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Connector {Operation} failed with {Status} {Code} after {Attempts} attempt(s)")]
    private partial void LogFailed(string operation, int status, string? code, int attempts);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Error, Message = "No bot credential configured; outbound connector calls fail (set Bot:ClientSecret, Bot:CertificatePath or Bot:AppType=UserAssignedMSI)")]
    private partial void LogNoCredential();
}

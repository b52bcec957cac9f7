using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using VolunteerBot.Channel.Auth;
using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Channel;

/// <summary>
/// <c>POST /api/messages</c>: the Bot Framework endpoint, checked in this order so that the cheapest refusal comes
/// first and nothing is parsed for an unauthenticated caller:
/// <list type="number">
/// <item>the bearer token from the header alone (or, in local mode, a token-less loopback JSON request) → 401;</item>
/// <item>the body, read up to <see cref="MaxBodyBytes"/> whatever Content-Length says (chunked too) → 413;</item>
/// <item>JSON and required fields → 400;</item>
/// <item>the token's serviceurl claim and channel endorsement against the activity → 401;</item>
/// <item>channel msteams, from.aadObjectId and our tenant (<see cref="InboundPolicy"/>) → 403.</item>
/// </list>
/// Every refusal has an empty body and writes one structured log line; never a 500 for bad input.
/// </summary>
public static partial class MessagesEndpoint
{
    public const int MaxBodyBytes = 256 * 1024;

    public static async Task<IResult> HandleAsync(HttpContext http, IActivityAuthenticator authenticator, InboundPolicy policy, ActivityProcessor processor, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("VolunteerBot.Channel.Messages");
        var cancellationToken = http.RequestAborted;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Kestrel stops a larger body (chunked included) by itself; the counting read below covers every server.
            sizeFeature.MaxRequestBodySize = MaxBodyBytes;
        }

        var header = http.Request.Headers.Authorization.ToString();
        TokenCheck? token = null;
        if (header.Length == 0)
        {
            var local = policy.LocalMode ? InboundPolicy.RefuseLocal(http.Request) : "missing Authorization header";
            if (local is not null)
            {
                return Refused(logger, StatusCodes.Status401Unauthorized, local, null, null);
            }
        }
        else
        {
            token = await authenticator.ValidateTokenAsync(header, cancellationToken).ConfigureAwait(false);
            if (!token.Valid)
            {
                return Refused(logger, StatusCodes.Status401Unauthorized, token.Reason ?? "token rejected", null, null);
            }
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Refused(logger, StatusCodes.Status413PayloadTooLarge, "Content-Length over the cap", null, null);
        }

        var body = await ReadCappedAsync(http.Request.Body, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Refused(logger, StatusCodes.Status413PayloadTooLarge, "body over the cap while reading", null, null);
        }

        Activity? activity;
        try
        {
            activity = JsonSerializer.Deserialize(body.Value.Span, ChannelJsonContext.Default.Activity);
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        if (activity is null || string.IsNullOrEmpty(activity.Type) || string.IsNullOrEmpty(activity.ServiceUrl)
            || activity.Conversation?.Id is null || activity.From?.Id is null
            || !Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out _))
        {
            return Results.BadRequest();
        }

        var unauthenticated = token is null
            ? InboundPolicy.IsLoopbackUrl(activity.ServiceUrl) ? null : "token-less activity whose serviceUrl is not loopback"
            : authenticator.Refuse(token, activity);
        if (unauthenticated is not null)
        {
            return Refused(logger, StatusCodes.Status401Unauthorized, unauthenticated, activity.Type, activity.ChannelId);
        }

        if (policy.Refuse(activity) is { } forbidden)
        {
            return Refused(logger, StatusCodes.Status403Forbidden, forbidden, activity.Type, activity.ChannelId);
        }

        var result = await processor.ProcessAsync(activity, cancellationToken).ConfigureAwait(false);
        if (result.Body is AdaptiveCardInvokeResponse invoke)
        {
            return Results.Json(invoke, ChannelJsonContext.Default.AdaptiveCardInvokeResponse, statusCode: result.StatusCode);
        }

        return Results.StatusCode(result.StatusCode);
    }

    /// <summary>The body, or null once more than <see cref="MaxBodyBytes"/> arrived (reading stops there).</summary>
    internal static async Task<ReadOnlyMemory<byte>?> ReadCappedAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        try
        {
            while (true)
            {
                var memory = buffer.GetMemory(8192);
                var read = await body.ReadAsync(memory, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.WrittenMemory;
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > MaxBodyBytes)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static IResult Refused(ILogger logger, int status, string reason, string? activityType, string? channelId)
    {
        LogRefused(logger, status, reason, activityType, channelId);
        return Results.StatusCode(status);
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Refused an inbound {ActivityType} activity on channel {ChannelId} with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, string reason, string? activityType, string? channelId);
}

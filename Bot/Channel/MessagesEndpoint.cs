using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using VolunteerBot.Channel.Auth;
using VolunteerBot.Channel.Connector;
using VolunteerBot.Channel.Schema;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Hosting;

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

    public static async Task<IResult> HandleAsync(HttpContext http, IActivityAuthenticator authenticator, InboundPolicy policy, ActivityProcessor processor,
        IStorageFaultClassifier storageFaults, ILoggerFactory loggers)
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

        if (OversizedId(activity) is { } field)
        {
            // Ids become table keys (at most 1 KiB, and escaping may triple a character); Teams' own are far shorter.
            return Refused(logger, StatusCodes.Status400BadRequest, field + " is longer than any Teams id", activity.Type, activity.ChannelId);
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

        ProcessResult result;
        try
        {
            result = await processor.ProcessAsync(activity, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (storageFaults.IsFault(ex) && !cancellationToken.IsCancellationRequested)
        {
            // Storage is down mid-turn: tell the user to try again shortly instead of answering 500 (Teams would retry
            // the whole activity); nothing the turn began is trusted until storage answers again.
            LogStorageFault(logger, ex, activity.Type);
            storageFaults.Report(ex);
            return await StorageUnavailableAsync(http.RequestServices, activity, cancellationToken).ConfigureAwait(false);
        }

        if (result.Body is AdaptiveCardInvokeResponse invoke)
        {
            return Results.Json(invoke, ChannelJsonContext.Default.AdaptiveCardInvokeResponse, statusCode: result.StatusCode);
        }

        return Results.StatusCode(result.StatusCode);
    }

    private static async Task<IResult> StorageUnavailableAsync(IServiceProvider services, Activity activity, CancellationToken ct)
    {
        var language = LanguageCodes.Parse(services.GetRequiredService<IOptions<VolunteeringOptions>>().Value.DefaultLanguage) ?? Language.ZhCn;
        var L = Localizer.For(language);
        var card = new AdaptiveCard().Title(L["refusal.title"]).Text(L["storage.unavailable"]);
        if (activity.Type == ActivityTypes.Invoke)
        {
            return Results.Json(new AdaptiveCardInvokeResponse
            {
                StatusCode = 200,
                Type = AdaptiveCard.ContentType,
                Value = JsonSerializer.SerializeToElement(card.ToJson(), ChannelJsonContext.Default.JsonObject),
            }, ChannelJsonContext.Default.AdaptiveCardInvokeResponse);
        }

        if (activity.Type == ActivityTypes.Message)
        {
            var message = ActivityFactory.Message(OutgoingMessage.Of(card), activity.Recipient, activity.Conversation);
            message.Recipient = activity.From;
            try
            {
                await services.GetRequiredService<IConnectorClient>().SendToConversationAsync(activity.ServiceUrl!, activity.Conversation!.Id!, message, ct).ConfigureAwait(false);
            }
            catch (ConnectorException)
            {
                // Nothing more to do: the user sees no answer and tries again.
            }
        }

        return Results.Ok();
    }

    /// <summary>The longest id accepted in each field (Teams' are well under: a GUID, "a:1…", "19:…@thread.tacv2;messageid=…").</summary>
    public const int MaxIdLength = 256;

    /// <summary>The first id (or the sender's name) too long to be a Teams id, or null.</summary>
    internal static string? OversizedId(Activity activity) =>
        activity.Id?.Length > 128 ? "id"
        : activity.ReplyToId?.Length > 128 ? "replyToId"
        : activity.Conversation?.Id?.Length > MaxIdLength ? "conversation.id"
        : activity.From?.Id?.Length > MaxIdLength ? "from.id"
        : activity.From?.AadObjectId?.Length > 64 ? "from.aadObjectId"
        : activity.Recipient?.Id?.Length > MaxIdLength ? "recipient.id"
        : activity.From?.Name?.Length > MaxIdLength ? "from.name" // kept with the conversation reference (a table property)
        : null;

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

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Storage failed during a {ActivityType} turn; the user was asked to try again shortly")]
    private static partial void LogStorageFault(ILogger logger, Exception ex, string? activityType);

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Refused an inbound {ActivityType} activity on channel {ChannelId} with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, string reason, string? activityType, string? channelId);
}

using System.Text.Json;
using VolunteerBot.Channel.Auth;
using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Channel;

/// <summary>
/// <c>POST /api/messages</c>: the Bot Framework endpoint. Bad JSON or missing required fields → 400;
/// missing or bad token → 401 with no detail; never a 500 for bad input.
/// </summary>
public static partial class MessagesEndpoint
{
    private const int MaxBodyBytes = 256 * 1024;

    public static async Task<IResult> HandleAsync(HttpContext http, IActivityAuthenticator authenticator, ActivityProcessor processor, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("VolunteerBot.Channel.Messages");
        var cancellationToken = http.RequestAborted;
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        Activity? activity;
        try
        {
            activity = await JsonSerializer.DeserializeAsync(http.Request.Body, ChannelJsonContext.Default.Activity, cancellationToken).ConfigureAwait(false);
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

        var authorized = await authenticator.AuthenticateAsync(
            http.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null,
            http.Connection.RemoteIpAddress,
            activity,
            cancellationToken).ConfigureAwait(false);
        if (!authorized)
        {
            LogUnauthorized(logger, activity.Type);
            return Results.Unauthorized();
        }

        var result = await processor.ProcessAsync(activity, cancellationToken).ConfigureAwait(false);
        if (result.Body is AdaptiveCardInvokeResponse invoke)
        {
            return Results.Json(invoke, ChannelJsonContext.Default.AdaptiveCardInvokeResponse, statusCode: result.StatusCode);
        }

        return Results.StatusCode(result.StatusCode);
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Warning, Message = "Rejected an unauthenticated {ActivityType} activity")]
    private static partial void LogUnauthorized(ILogger logger, string? activityType);
}

using Activity = VolunteerBot.Channel.Schema.Activity;
using System.Text.Json;
using System.Text.Json.Nodes;
using VolunteerBot.Channel.Connector;
using VolunteerBot.Delivery;
using VolunteerBot.Channel.Schema;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Hosting;
using VolunteerBot.Storage;
using VolunteerBot.Dialogs.Cards;

namespace VolunteerBot.Channel;

/// <summary>What the HTTP endpoint answers: a status and, for invokes, a body.</summary>
public sealed record ProcessResult(int StatusCode, object? Body = null);

/// <summary>
/// The turn pipeline: keeps conversation references current, welcomes new users once, routes messages
/// and card actions to dialogs and delivers what they return (replies, in-place card updates, notifications).
/// </summary>
public sealed partial class ActivityProcessor(
    TurnRouter router,
    TurnUserResolver users,
    IUserSettingsStore settings,
    IConversationReferenceStore references,
    IConnectorClient connector,
    IProactiveDispatcher dispatcher,
    IBroadcastDispatcher broadcasts,
    IInvokeReplays replays,
    TimeProvider time,
    ILogger<ActivityProcessor> logger)
{
    public async Task<ProcessResult> ProcessAsync(Activity activity, CancellationToken cancellationToken)
    {
        using var span = BotTelemetry.Source.StartActivity("turn " + activity.Type);
        using var profile = TurnProfileScope.Begin();
        span?.SetTag("activity.type", activity.Type);
        var started = time.GetTimestamp();
        try
        {
            return activity.Type switch
            {
                ActivityTypes.InstallationUpdate => await OnInstallationUpdateAsync(activity, cancellationToken).ConfigureAwait(false),
                ActivityTypes.ConversationUpdate => await OnConversationUpdateAsync(activity, cancellationToken).ConfigureAwait(false),
                ActivityTypes.Message => await OnMessageAsync(activity, cancellationToken).ConfigureAwait(false),
                ActivityTypes.Invoke => await OnInvokeAsync(activity, cancellationToken).ConfigureAwait(false),
                _ => new ProcessResult(200),
            };
        }
        finally
        {
            BotTelemetry.TurnDuration.Record(time.GetElapsedTime(started).TotalMilliseconds,
                new KeyValuePair<string, object?>("activity.type", activity.Type));
        }
    }

    private async Task<ProcessResult> OnInstallationUpdateAsync(Activity activity, CancellationToken ct)
    {
        var adding = activity.Action is null || activity.Action.StartsWith("add", StringComparison.OrdinalIgnoreCase);
        if (!adding)
        {
            await DeactivateAsync(activity, ct).ConfigureAwait(false);
            return new ProcessResult(200);
        }

        await SaveReferenceAsync(activity, ct).ConfigureAwait(false);
        await WelcomeOnceAsync(activity, ct).ConfigureAwait(false);
        return new ProcessResult(200);
    }

    private async Task<ProcessResult> OnConversationUpdateAsync(Activity activity, CancellationToken ct)
    {
        var botId = activity.Recipient?.Id;
        var eventType = activity.ChannelData?.EventType;
        if (eventType is "teamDeleted" or "teamArchived")
        {
            await DeactivateAsync(activity, ct).ConfigureAwait(false);
            return new ProcessResult(200);
        }

        if (activity.MembersRemoved?.Any(m => m.Id == botId) == true)
        {
            await DeactivateAsync(activity, ct).ConfigureAwait(false);
            return new ProcessResult(200);
        }

        await SaveReferenceAsync(activity, ct).ConfigureAwait(false);
        if (activity.MembersAdded?.Any(m => m.Id == botId) == true)
        {
            await WelcomeOnceAsync(activity, ct).ConfigureAwait(false);
        }

        return new ProcessResult(200);
    }

    private async Task<ProcessResult> OnMessageAsync(Activity activity, CancellationToken ct)
    {
        await SaveReferenceAsync(activity, ct, onlyIfChanged: true).ConfigureAwait(false);
        var turn = await BuildTurnAsync(activity, ct).ConfigureAwait(false);
        if (turn.Verb is null && string.IsNullOrWhiteSpace(turn.Text) && turn.Attachments.Count == 0)
        {
            // Reactions, typing and empty messages need no answer.
            return new ProcessResult(200);
        }

        var result = await RunAsync(turn, ct).ConfigureAwait(false);
        if (result.CardUpdate is not null)
        {
            var card = ActivityFactory.Message(new OutgoingMessage(null, result.CardUpdate));
            if (turn.Verb is not null && activity.ReplyToId is { Length: > 0 } replyTo)
            {
                // Action.Submit: update the card the user acted on, in place.
                card.Id = replyTo;
                await TryDeliverAsync(() => connector.UpdateActivityAsync(activity.ServiceUrl!, activity.Conversation!.Id!, replyTo, card, ct)).ConfigureAwait(false);
            }
            else
            {
                await TryDeliverAsync(() => connector.SendToConversationAsync(activity.ServiceUrl!, activity.Conversation!.Id!, card, ct)).ConfigureAwait(false);
            }
        }

        await DeliverAsync(activity, result, ct).ConfigureAwait(false);
        return new ProcessResult(200);
    }

    private async Task<ProcessResult> OnInvokeAsync(Activity activity, CancellationToken ct)
    {
        if (activity.Name != "adaptiveCard/action")
        {
            return new ProcessResult(200);
        }

        await SaveReferenceAsync(activity, ct, onlyIfChanged: true).ConfigureAwait(false);
        var conversationId = activity.Conversation?.Id ?? "";
        // Replay protection is for taps that change something. Teams fires an automatic refresh every time a
        // refreshable card comes into view; those verbs only read, so they leave no row behind.
        var activityId = TurnMapper.IsAutomaticRefresh(activity) ? "" : activity.Id ?? "";
        if (activityId.Length > 0 && !await replays.TryClaimAsync(conversationId, activityId, ct).ConfigureAwait(false))
        {
            LogReplay(activityId);
            var stored = await replays.GetResponseAsync(conversationId, activityId, ct).ConfigureAwait(false);
            return InvokeCard(stored is null ? null : JsonNode.Parse(stored) as JsonObject);
        }

        TurnResult result;
        try
        {
            var turn = await BuildTurnAsync(activity, ct).ConfigureAwait(false);
            result = await RunAsync(turn, ct).ConfigureAwait(false);
        }
        catch
        {
            if (activityId.Length > 0)
            {
                await replays.ReleaseAsync(conversationId, activityId, CancellationToken.None).ConfigureAwait(false);
            }

            throw;
        }

        if (activityId.Length > 0)
        {
            await replays.CompleteAsync(conversationId, activityId, result.CardUpdate?.ToJsonString(), ct).ConfigureAwait(false);
        }

        await DeliverAsync(activity, result, ct).ConfigureAwait(false);
        return InvokeCard(result.CardUpdate);
    }

    private static ProcessResult InvokeCard(JsonObject? card)
    {
        if (card is null)
        {
            return new ProcessResult(200, new AdaptiveCardInvokeResponse { StatusCode = 200, Type = "application/vnd.microsoft.activity.message", Value = JsonSerializer.SerializeToElement("OK", ChannelJsonContext.Default.String) });
        }

        return new ProcessResult(200, new AdaptiveCardInvokeResponse
        {
            StatusCode = 200,
            Type = Dialogs.Cards.AdaptiveCard.ContentType,
            Value = JsonSerializer.SerializeToElement(card, ChannelJsonContext.Default.JsonObject),
        });
    }

    private async Task<TurnResult> RunAsync(Turn turn, CancellationToken ct)
    {
        try
        {
            return await router.RouteAsync(turn, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHandlerFailed(ex, turn.Verb ?? turn.Text);
            return TurnResult.Answer(turn, Dialogs.Cards.RefusalCards.Card(turn.L, turn.L["error.generic"]));
        }
    }

    private async Task<Turn> BuildTurnAsync(Activity activity, CancellationToken ct)
    {
        var aad = activity.From?.AadObjectId ?? activity.From?.Id ?? "";
        var (roles, language) = await users.ResolveAsync(aad, ct).ConfigureAwait(false);
        return TurnMapper.ToTurn(activity, language, roles);
    }

    private async Task DeliverAsync(Activity activity, TurnResult result, CancellationToken ct)
    {
        foreach (var reply in result.Replies)
        {
            var message = ActivityFactory.Message(reply, activity.Recipient, activity.Conversation);
            message.Recipient = activity.From;
            if (activity.Type == ActivityTypes.Message && activity.Id is { Length: > 0 } && activity.Conversation?.ConversationType == "channel")
            {
                await TryDeliverAsync(() => connector.ReplyToActivityAsync(activity.ServiceUrl!, activity.Conversation.Id!, activity.Id, message, ct)).ConfigureAwait(false);
            }
            else
            {
                await TryDeliverAsync(() => connector.SendToConversationAsync(activity.ServiceUrl!, activity.Conversation!.Id!, message, ct)).ConfigureAwait(false);
            }
        }

        if (result.Notifications.Count > 0 || result.ChannelPosts.Count > 0)
        {
            // Written to the durable outbox before the turn answers. A notification without its own dedupe key is keyed
            // by this activity, so Teams redelivering the activity does not notify twice.
            var turnKey = "turn:" + (activity.Conversation?.Id ?? "") + ":" + (activity.Id is { Length: > 0 } id ? id : Guid.NewGuid().ToString("N"));
            var notifications = result.Notifications.Select((n, i) => n.DedupeKey is null ? n with { DedupeKey = $"{turnKey}:n{i}" } : n).ToList();
            var posts = result.ChannelPosts.Select((p, i) => p.DedupeKey is null ? p with { DedupeKey = $"{turnKey}:p{i}" } : p).ToList();
            await dispatcher.EnqueueAsync(notifications, posts, ct).ConfigureAwait(false);
        }

        // One message to many (announcements): a run on the reminder queue, claimed once per key.
        foreach (var broadcast in result.Broadcasts)
        {
            await broadcasts.StartAsync(broadcast, activity.From?.AadObjectId, ct).ConfigureAwait(false);
        }
    }

    private async Task WelcomeOnceAsync(Activity activity, CancellationToken ct)
    {
        if (activity.Conversation?.ConversationType is not ("personal" or null))
        {
            return;
        }

        var aad = activity.From?.AadObjectId;
        if (aad is null || !await settings.TryMarkWelcomedAsync(aad, time.GetUtcNow(), ct).ConfigureAwait(false))
        {
            return;
        }

        var turn = await BuildTurnAsync(activity, ct).ConfigureAwait(false);
        var card = MenuCards.Welcome(turn.L, turn.User.Name, turn.Roles.IsRegistered);
        var message = ActivityFactory.Message(OutgoingMessage.Of(card), activity.Recipient, activity.Conversation);
        await TryDeliverAsync(() => connector.SendToConversationAsync(activity.ServiceUrl!, activity.Conversation!.Id!, message, ct)).ConfigureAwait(false);
    }

    /// <summary>
    /// A reply that still fails after the connector's retries is logged, not turned into a 500: Teams would
    /// otherwise redeliver the whole activity and run the user's action again.
    /// </summary>
    private async Task TryDeliverAsync(Func<Task> send)
    {
        try
        {
            await send().ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            LogDeliveryFailed(ex, ex.StatusCode, ex.Code);
        }
    }

    /// <summary>Install and conversation events always write; messages and card actions only when the reference changed.</summary>
    private Task SaveReferenceAsync(Activity activity, CancellationToken ct, bool onlyIfChanged = false)
    {
        var type = activity.Conversation?.ConversationType ?? "personal";
        var reference = new ConversationReference
        {
            ConversationId = type == "channel" ? activity.ChannelData?.Team?.Id ?? activity.Conversation?.Id ?? "" : activity.Conversation?.Id ?? "",
            ConversationType = type,
            ServiceUrl = activity.ServiceUrl ?? "",
            TenantId = activity.Conversation?.TenantId ?? activity.ChannelData?.Tenant?.Id ?? "",
            AadObjectId = type == "personal" ? activity.From?.AadObjectId : null,
            ChannelUserId = type == "personal" ? activity.From?.Id : null,
            UserName = type == "personal" ? activity.From?.Name : null,
            BotId = activity.Recipient?.Id,
            BotName = activity.Recipient?.Name,
            TeamId = activity.ChannelData?.Team?.Id,
            TeamName = activity.ChannelData?.Team?.Name,
            ChannelId = activity.ChannelData?.Channel?.Id ?? (type == "channel" ? activity.Conversation?.Id : null),
            Active = true,
            Unreachable = false,
            UpdatedAt = time.GetUtcNow(),
        };
        return reference.ConversationId.Length == 0 ? Task.CompletedTask
            : onlyIfChanged ? references.RefreshAsync(reference, ct) : references.SaveAsync(reference, ct);
    }

    private Task DeactivateAsync(Activity activity, CancellationToken ct)
    {
        var type = activity.Conversation?.ConversationType ?? "personal";
        var key = type switch
        {
            "personal" => activity.From?.AadObjectId,
            "channel" => activity.ChannelData?.Team?.Id ?? activity.Conversation?.Id,
            _ => activity.Conversation?.Id,
        };
        return key is null ? Task.CompletedTask : references.SetActiveAsync(type, key, false, ct);
    }

    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Replayed invoke {ActivityId}: stored answer returned, nothing run twice")]
    private partial void LogReplay(string activityId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Reply could not be delivered ({Status} {Code}); the turn still answers 200")]
    private partial void LogDeliveryFailed(Exception ex, int status, string? code);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Error, Message = "Handler failed for {Input}")]
    private partial void LogHandlerFailed(Exception ex, string input);
}

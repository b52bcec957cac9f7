using VolunteerBot.Channel.Connector;
using VolunteerBot.Channel.Schema;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Storage;
using VolunteerBot.Channel;

namespace VolunteerBot.Delivery;

public enum DeliveryOutcome
{
    Sent,
    NoConversation,
    Unreachable,
}

/// <summary>
/// Sends one proactive message to a user (by Entra object id) through their stored personal conversation,
/// or to a team channel. A 403 marks the user unreachable so no one retries them.
/// </summary>
public sealed partial class ProactiveMessenger(IConnectorClient connector, IConversationReferenceStore references, ILogger<ProactiveMessenger> logger)
{
    /// <summary>Sends to a delivery row's recipient: a person (Entra object id) or a channel (<see cref="DeliveryTargets.Channel"/>).</summary>
    public Task<DeliveryOutcome> SendAsync(string recipientId, OutgoingMessage message, CancellationToken cancellationToken) =>
        DeliveryTargets.TryParseChannel(recipientId, out var teamId, out var channelId)
            ? PostToChannelAsync(teamId, channelId, message, cancellationToken)
            : SendToUserAsync(recipientId, message, cancellationToken);

    public async Task<DeliveryOutcome> SendToUserAsync(string aadObjectId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var reference = await references.GetPersonalAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        if (reference is null || !reference.Active)
        {
            LogNoConversation(aadObjectId);
            return DeliveryOutcome.NoConversation;
        }

        if (reference.Unreachable)
        {
            return DeliveryOutcome.Unreachable;
        }

        return await SendToReferenceAsync(aadObjectId, reference, message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends through a personal conversation the caller already holds (the reminder queue carries it).</summary>
    public async Task<DeliveryOutcome> SendToReferenceAsync(string aadObjectId, ConversationReference reference, OutgoingMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, ActivityFactory.ToReference(reference, message), cancellationToken).ConfigureAwait(false);
            return DeliveryOutcome.Sent;
        }
        catch (UserUnreachableException)
        {
            await references.MarkUnreachableAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
            LogUnreachable(aadObjectId);
            return DeliveryOutcome.Unreachable;
        }
    }

    public async Task<DeliveryOutcome> PostToChannelAsync(string teamId, string channelId, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var reference = await references.GetTeamAsync(teamId, cancellationToken).ConfigureAwait(false);
        if (reference is null || !reference.Active)
        {
            return DeliveryOutcome.NoConversation;
        }

        var activity = ActivityFactory.ToReference(reference with { ConversationId = channelId }, message);
        await connector.SendToConversationAsync(reference.ServiceUrl, channelId, activity, cancellationToken).ConfigureAwait(false);
        return DeliveryOutcome.Sent;
    }

    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "No personal conversation stored for {AadObjectId}; message not sent")]
    private partial void LogNoConversation(string aadObjectId);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "User {AadObjectId} is unreachable (403); marked")]
    private partial void LogUnreachable(string aadObjectId);
}

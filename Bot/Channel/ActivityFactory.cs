using System.Text.Json;
using VolunteerBot.Channel.Schema;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Storage;

namespace VolunteerBot.Channel;

/// <summary>Builds outgoing wire activities from what dialogs say.</summary>
public static class ActivityFactory
{
    public static Activity Message(OutgoingMessage message, ChannelAccount? from = null, ConversationAccount? conversation = null)
    {
        var activity = new Activity { Type = ActivityTypes.Message, From = from, Conversation = conversation };
        if (message.Text is not null)
        {
            activity.Text = message.Text;
            activity.TextFormat = "markdown";
        }

        if (message.Card is not null)
        {
            activity.Attachments =
            [
                new Attachment
                {
                    ContentType = AdaptiveCard.ContentType,
                    Content = JsonSerializer.SerializeToElement(message.Card, ChannelJsonContext.Default.JsonObject),
                },
            ];
        }

        return activity;
    }

    public static Activity ToReference(ConversationReference reference, OutgoingMessage message) =>
        Message(
            message,
            reference.BotId is null ? null : new ChannelAccount { Id = reference.BotId, Name = reference.BotName },
            new ConversationAccount { Id = reference.ConversationId, ConversationType = reference.ConversationType, TenantId = reference.TenantId });
}

using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;

namespace VolunteerBot.Dialogs.Conversation;

/// <summary>Something the bot says: plain text or an Adaptive Card.</summary>
public sealed record OutgoingMessage(string? Text, JsonObject? Card)
{
    public static OutgoingMessage Of(string text) => new(text, null);
    public static OutgoingMessage Of(AdaptiveCard card) => new(null, card.ToJson());
}

/// <summary>
/// A proactive message to another person, addressed by Entra object id. <c>Bot</c> resolves the
/// personal conversation and delivers it; <see cref="DedupeKey"/> makes a repeated notification harmless.
/// </summary>
public sealed record Notification(string RecipientAadObjectId, OutgoingMessage Message, string? DedupeKey = null);

/// <summary>
/// One message to many people (a project announcement). <c>Bot</c> sends it through the reminder queue: a claimed
/// run keyed by <see cref="Key"/> (so a second approval announces nothing), one delivery row per recipient, the
/// shared Teams rate limit, progress in 提醒进度. <see cref="Label"/> names it there (the project's title).
/// </summary>
public sealed record Broadcast(string Key, string Label, IReadOnlyList<string> Recipients, OutgoingMessage Message)
{
    /// <summary>
    /// The instant whose quarter names the run (an announcement: when the project opened), so that starting the same
    /// broadcast again later — the announcement sweep — claims the same run; null: the time of the start.
    /// </summary>
    public DateTimeOffset? At { get; init; }
}

/// <summary>A message posted to a team channel where the app is installed.</summary>
public sealed record ChannelPost(string TeamId, string ChannelId, OutgoingMessage Message);

/// <summary>What a handler returns; <c>Bot</c> turns it into connector calls or the invoke response.</summary>
public sealed class TurnResult
{
    /// <summary>Messages to the conversation the turn came from.</summary>
    public List<OutgoingMessage> Replies { get; } = [];

    /// <summary>
    /// A card that replaces the card the user acted on: the invoke response body for Action.Execute,
    /// an activity update for Action.Submit.
    /// </summary>
    public JsonObject? CardUpdate { get; private set; }

    public List<Notification> Notifications { get; } = [];

    public List<ChannelPost> ChannelPosts { get; } = [];

    public List<Broadcast> Broadcasts { get; } = [];

    public static TurnResult Say(string text) => new TurnResult().AddText(text);

    public static TurnResult Show(AdaptiveCard card) => new TurnResult().AddCard(card);

    /// <summary>Replace the acted-on card in place (or send it, for a typed command).</summary>
    public static TurnResult Replace(AdaptiveCard card) => new TurnResult().WithCardUpdate(card);

    /// <summary>
    /// The answer to a turn: the acted-on card replaced in place when the turn is a card action (invoke), else a new
    /// message (a typed command, or Action.Submit).
    /// </summary>
    public static TurnResult Answer(Turn turn, AdaptiveCard card) => turn.IsInvoke ? Replace(card) : Show(card);

    public TurnResult AddText(string text)
    {
        Replies.Add(OutgoingMessage.Of(text));
        return this;
    }

    public TurnResult AddCard(AdaptiveCard card)
    {
        Replies.Add(OutgoingMessage.Of(card));
        return this;
    }

    public TurnResult WithCardUpdate(AdaptiveCard card)
    {
        CardUpdate = card.ToJson();
        return this;
    }

    public TurnResult Notify(string aadObjectId, AdaptiveCard card, string? dedupeKey = null)
    {
        Notifications.Add(new Notification(aadObjectId, OutgoingMessage.Of(card), dedupeKey));
        return this;
    }

    public TurnResult Notify(string aadObjectId, string text, string? dedupeKey = null)
    {
        Notifications.Add(new Notification(aadObjectId, OutgoingMessage.Of(text), dedupeKey));
        return this;
    }

    /// <summary>One card to many people through the queue (see <see cref="Broadcast"/>).</summary>
    public TurnResult BroadcastTo(string key, string label, IReadOnlyList<string> recipients, AdaptiveCard card, DateTimeOffset? at = null)
    {
        Broadcasts.Add(new Broadcast(key, label, recipients, OutgoingMessage.Of(card)) { At = at });
        return this;
    }

    public TurnResult PostToChannel(string teamId, string channelId, AdaptiveCard card)
    {
        ChannelPosts.Add(new ChannelPost(teamId, channelId, OutgoingMessage.Of(card)));
        return this;
    }
}

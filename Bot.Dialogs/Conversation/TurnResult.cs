using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Conversation;

/// <summary>Something the bot says: plain text or an Adaptive Card.</summary>
public sealed record OutgoingMessage(string? Text, JsonObject? Card)
{
    public static OutgoingMessage Of(string text) => new(text, null);
    public static OutgoingMessage Of(AdaptiveCard card) => new(null, card.ToJson());
}

/// <summary>
/// A proactive message to another person, addressed by Entra object id. It is composed in the RECIPIENT's
/// language: <c>Bot</c> resolves that language (their 语言 setting, else the department default), calls
/// <see cref="Compose"/> with it, writes the result to the durable outbox with the turn, and delivers it through the
/// queue and the shared limiter. <see cref="DedupeKey"/> makes a repeated notification harmless: a key is sent once.
/// </summary>
public sealed record Notification(string RecipientAadObjectId, Func<Localizer, OutgoingMessage> Compose, string? DedupeKey = null)
{
    /// <summary>The message as a recipient reading <paramref name="language"/> gets it.</summary>
    public OutgoingMessage In(Language language) => Compose(Localizer.For(language));

    /// <summary>A notification whose text is the same in every language (already composed for this recipient).</summary>
    public static Notification Fixed(string recipientAadObjectId, OutgoingMessage message, string? dedupeKey = null) =>
        new(recipientAadObjectId, _ => message, dedupeKey);
}

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

    /// <summary>
    /// The message in each language, composed when the broadcast was made; <c>Bot</c> gives every recipient the one in
    /// THEIR language (their 语言 setting, else the department default). Null: <see cref="Message"/> for everyone.
    /// </summary>
    public IReadOnlyDictionary<Language, OutgoingMessage>? Translations { get; init; }

    /// <summary>The message as a recipient reading <paramref name="language"/> gets it.</summary>
    public OutgoingMessage In(Language language) => Translations is { } t && t.TryGetValue(language, out var m) ? m : Message;
}

/// <summary>
/// A message posted to a team channel where the app is installed (in the department's language: a channel has no
/// single reader). Sent through the same durable path as a <see cref="Notification"/>; <see cref="DedupeKey"/> once.
/// </summary>
public sealed record ChannelPost(string TeamId, string ChannelId, OutgoingMessage Message, string? DedupeKey = null);

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

    /// <summary>A card to another person, built with the recipient's <see cref="Localizer"/> (never the sender's).</summary>
    public TurnResult Notify(string aadObjectId, Func<Localizer, AdaptiveCard> card, string? dedupeKey = null)
    {
        Notifications.Add(new Notification(aadObjectId, l => OutgoingMessage.Of(card(l)), dedupeKey));
        return this;
    }

    /// <summary>A text to another person, built with the recipient's <see cref="Localizer"/> (never the sender's).</summary>
    public TurnResult Notify(string aadObjectId, Func<Localizer, string> text, string? dedupeKey = null)
    {
        Notifications.Add(new Notification(aadObjectId, l => OutgoingMessage.Of(text(l)), dedupeKey));
        return this;
    }

    /// <summary>
    /// One card to many people through the queue (see <see cref="Broadcast"/>), built once per language so that each
    /// recipient reads it in their own (never the sender's).
    /// </summary>
    public TurnResult BroadcastTo(string key, string label, IReadOnlyList<string> recipients, Func<Localizer, AdaptiveCard> card, DateTimeOffset? at = null)
    {
        var translations = Enum.GetValues<Language>().ToDictionary(l => l, l => OutgoingMessage.Of(card(Localizer.For(l))));
        Broadcasts.Add(new Broadcast(key, label, recipients, translations[Language.ZhCn]) { At = at, Translations = translations });
        return this;
    }

    public TurnResult PostToChannel(string teamId, string channelId, AdaptiveCard card, string? dedupeKey = null)
    {
        ChannelPosts.Add(new ChannelPost(teamId, channelId, OutgoingMessage.Of(card), dedupeKey));
        return this;
    }
}

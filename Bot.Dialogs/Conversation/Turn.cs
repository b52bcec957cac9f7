using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Conversation;

/// <summary>Where a turn happens. Teams delivers group and channel messages only when the bot is @mentioned.</summary>
public enum ConversationKind
{
    Personal,
    GroupChat,
    Channel,
}

/// <summary>The person behind a turn. <see cref="AadObjectId"/> is the stable key for everything we store.</summary>
public sealed record UserIdentity(string AadObjectId, string ChannelUserId, string Name);

/// <summary>
/// One user turn as the dialogs see it: no HTTP, no wire activity. <c>Bot</c> builds it from an activity.
/// </summary>
public sealed record Turn
{
    public required UserIdentity User { get; init; }
    public required string TenantId { get; init; }
    public required string ConversationId { get; init; }
    public required ConversationKind Kind { get; init; }

    /// <summary>The message text with any @mention of the bot removed and white space trimmed.</summary>
    public string Text { get; init; } = "";

    /// <summary>What follows the matched command word, trimmed (set by the router).</summary>
    public string Arguments { get; init; } = "";

    /// <summary>The card verb for Action.Execute / Action.Submit, or null for a typed message.</summary>
    public string? Verb { get; init; }

    /// <summary>Card inputs and action data, all as strings the way Teams sends them.</summary>
    public CardData Data { get; init; } = CardData.Empty;

    /// <summary>True when the turn is an <c>adaptiveCard/action</c> invoke: the reply card replaces the card in place.</summary>
    public bool IsInvoke { get; init; }

    /// <summary>Id of the card message that was acted on (activity.replyToId), when known.</summary>
    public string? ReplyToId { get; init; }

    /// <summary>Team and channel, when the turn comes from a Teams channel.</summary>
    public string? TeamId { get; init; }
    public string? ChannelId { get; init; }

    public IReadOnlyList<IncomingAttachment> Attachments { get; init; } = [];

    /// <summary>The interface language for this user (their own choice, else the organisation default).</summary>
    public required Localizer L { get; init; }

    /// <summary>The user's roles, resolved on the server for this turn.</summary>
    public required UserRoles Roles { get; init; }

    /// <summary>The bot's Teams id ("28:&lt;app id&gt;", activity.recipient.id): the personal-chat deep link names it.</summary>
    public string BotId { get; init; } = "";

    /// <summary>The activity id, used to make replayed invokes idempotent.</summary>
    public string ActivityId { get; init; } = "";

    public bool IsCard => Verb is not null;
}

namespace VolunteerBot.Channel;

/// <summary>
/// What the bot needs to message a conversation later (proactive messages): who, where, through which
/// service URL. Saved on install and conversation updates, refreshed on every message.
/// </summary>
public sealed record ConversationReference
{
    public required string ConversationId { get; init; }
    public required string ConversationType { get; init; }
    public required string ServiceUrl { get; init; }
    public required string TenantId { get; init; }
    public string? AadObjectId { get; init; }
    public string? ChannelUserId { get; init; }
    public string? UserName { get; init; }
    public string? BotId { get; init; }
    public string? BotName { get; init; }
    public string? TeamId { get; init; }
    public string? TeamName { get; init; }
    public string? ChannelId { get; init; }
    public bool Active { get; init; } = true;

    /// <summary>Set when a send answered 403 (blocked, or the app was removed): stop trying.</summary>
    public bool Unreachable { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// This reference written over <paramref name="known"/> as a merge upsert writes it: a field this event does not
    /// carry (null) keeps the stored value. The store and its in-memory fake both merge through this.
    /// </summary>
    public ConversationReference Over(ConversationReference? known) => this with
    {
        AadObjectId = AadObjectId ?? known?.AadObjectId,
        ChannelUserId = ChannelUserId ?? known?.ChannelUserId,
        UserName = UserName ?? known?.UserName,
        BotId = BotId ?? known?.BotId,
        BotName = BotName ?? known?.BotName,
        TeamId = TeamId ?? known?.TeamId,
        TeamName = TeamName ?? known?.TeamName,
        ChannelId = ChannelId ?? known?.ChannelId,
    };
}

public interface IConversationReferenceStore
{
    /// <summary>Writes the reference (install and conversation events: always written).</summary>
    Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the reference only if it differs from what this instance last wrote or read for that conversation
    /// (ignoring <see cref="ConversationReference.UpdatedAt"/>): an ordinary message or card action costs no write.
    /// </summary>
    Task RefreshAsync(ConversationReference reference, CancellationToken cancellationToken);

    /// <summary>The personal (1:1) conversation with a user, by Entra object id.</summary>
    Task<ConversationReference?> GetPersonalAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>The personal conversations of many users at once (one partition scan; for large fan-outs).</summary>
    Task<IReadOnlyDictionary<string, ConversationReference>> GetPersonalManyAsync(IReadOnlySet<string> aadObjectIds, CancellationToken cancellationToken);

    /// <summary>A team (its General channel by id, or a given channel).</summary>
    Task<ConversationReference?> GetTeamAsync(string teamId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ConversationReference>> ListTeamsAsync(CancellationToken cancellationToken);

    Task SetActiveAsync(string conversationType, string key, bool active, CancellationToken cancellationToken);

    Task MarkUnreachableAsync(string aadObjectId, CancellationToken cancellationToken);
}

using VolunteerBot.Dialogs.Conversation;

namespace VolunteerBot.Dialogs.Routing;

/// <summary>
/// How a handler is found: typed command words (Chinese and English; a command matches the whole
/// text or its first words) and card verbs. <see cref="Required"/> is checked by the router on the
/// server before the handler runs, whatever buttons a card showed.
/// </summary>
public sealed record Route(IReadOnlyList<string> Commands, IReadOnlyList<string> Verbs, Role Required)
{
    /// <summary>
    /// The handler takes messages that carry attachments (photos, files) when no command word matched;
    /// at most one handler may claim this.
    /// </summary>
    public bool AcceptsAttachments { get; init; }

    /// <summary>
    /// The handler shows personal or division data (profile, records, points, certificates, exports, rosters, pending
    /// confirmations, gear loans …). In a group chat or channel the router does not run it: it answers with a short
    /// card whose button opens the personal chat with the bot. Mark such routes with <see cref="PersonalOnly"/>.
    /// </summary>
    public bool IsPersonalOnly { get; init; }

    /// <summary>Name of the per-user rate limit (<c>RateLimits:Rules:{name}</c>) the router applies, or null.</summary>
    public string? RateLimit { get; init; }

    /// <summary>Each user may run this route at most as often as the <c>RateLimits:Rules:{action}</c> rule allows.</summary>
    public Route RateLimited(string action) => this with { RateLimit = action };

    /// <summary>This route runs only in the personal chat with the bot (see <see cref="IsPersonalOnly"/>).</summary>
    public Route PersonalOnly() => this with { IsPersonalOnly = true };

    public static Route For(Role required, string[] commands, params string[] verbs) => new(commands, verbs, required);
}

/// <summary>One small handler per command or card verb.</summary>
public interface ITurnHandler
{
    Route Route { get; }

    Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken);
}

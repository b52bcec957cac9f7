namespace VolunteerBot.Dialogs.Domain.Team;

/// <summary>
/// A member of a Teams team, as the paged members API returns it: with the Teams user id ("29:…") and tenant the bot
/// needs to open a 1:1 chat with someone who never opened the bot.
/// </summary>
public sealed record StaffMember(string AadObjectId, string Name, string? Email, string? TeamsUserId = null, string? TenantId = null);

/// <summary>A serving staff member (R1: in principle all take part), imported from a team's member list.</summary>
public sealed record StaffRecord
{
    public required string AadObjectId { get; init; }
    public required string Name { get; init; }
    public string? Email { get; init; }

    /// <summary>The teams this person was imported from.</summary>
    public IReadOnlyList<string> TeamIds { get; init; } = [];

    public DateTimeOffset FirstImportedAt { get; init; }
    public DateTimeOffset LastImportedAt { get; init; }

    /// <summary>When a registration invitation was last sent, so a second tap does not invite again.</summary>
    public DateTimeOffset? LastInvitedAt { get; init; }

    /// <summary>Teams user id ("29:…") from the team roster: the member to name when creating a 1:1 chat.</summary>
    public string? TeamsUserId { get; init; }

    /// <summary>The tenant the member was read in (Teams needs it to create a conversation).</summary>
    public string? TenantId { get; init; }

    /// <summary>The team the Teams id was last read from (its service URL is where a chat is created).</summary>
    public string? TeamId { get; init; }

    /// <summary>
    /// When a re-import of every team they were in no longer found them: they have left. A leaver gets nothing, is
    /// out of the participation figures and the invitation list; their volunteer records stay. Null: active.
    /// Cleared when an import finds them again.
    /// </summary>
    public DateTimeOffset? LeftAt { get; init; }

    public bool IsActive => LeftAt is null;

    /// <summary>Why the bot cannot reach them (a create or send answered 403/404), and when; null: no known problem.</summary>
    public string? UnreachableReason { get; init; }

    public DateTimeOffset? UnreachableAt { get; init; }

    /// <summary>
    /// When their volunteer profile was erased on request (注销志愿者, PIPL): never invited or messaged again; an
    /// import keeps the stamp (merge), so only a new registration by the person themselves brings them back.
    /// </summary>
    public DateTimeOffset? OptedOutAt { get; init; }
}

/// <summary>One import: people read, new to the roster, active after it (all teams), and marked as left by it.</summary>
public sealed record StaffImportResult(int Imported, int Added, int Active = 0, int Left = 0);

public interface IStaffStore
{
    /// <summary>Adds or refreshes staff from one team (idempotent: importing twice adds nobody twice).</summary>
    Task<StaffImportResult> ImportAsync(string teamId, IReadOnlyList<StaffMember> members, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<StaffRecord>> ListAsync(CancellationToken cancellationToken);

    Task MarkInvitedAsync(IReadOnlyCollection<string> aadObjectIds, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>PIPL erasure: stamps <see cref="StaffRecord.OptedOutAt"/> (creating a bare row when the person was never imported).</summary>
    Task MarkOptedOutAsync(string aadObjectId, DateTimeOffset at, CancellationToken cancellationToken);

    Task<StaffRecord?> GetAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>Records that a create or send to the person failed for good (403/404), with the reason; null clears it.</summary>
    Task MarkUnreachableAsync(string aadObjectId, string? reason, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>A team the app is installed in.</summary>
public sealed record InstalledTeam(string TeamId, string Name);

/// <summary>
/// The channel facts the team dialogs need and cannot fetch themselves (no HTTP in Bot.Dialogs):
/// implemented in Bot with the connector's paged members API and the stored conversation references.
/// </summary>
public interface ITeamRosterSource
{
    Task<IReadOnlyList<InstalledTeam>> ListTeamsAsync(CancellationToken cancellationToken);

    /// <summary>Every member of the team (all pages), bots excluded.</summary>
    Task<IReadOnlyList<StaffMember>> GetMembersAsync(string teamId, CancellationToken cancellationToken);

    /// <summary>True when the bot has a reachable personal conversation with the user (so a notification can arrive).</summary>
    Task<bool> CanReachAsync(string aadObjectId, CancellationToken cancellationToken);
}

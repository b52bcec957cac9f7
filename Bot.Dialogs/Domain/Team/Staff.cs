namespace VolunteerBot.Dialogs.Domain.Team;

/// <summary>A member of a Teams team, as the paged members API returns it.</summary>
public sealed record StaffMember(string AadObjectId, string Name, string? Email);

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

    /// <summary>
    /// When they were seen to have left the department (no team lists them any more); null: serving. Leavers are
    /// offboarded (PIPL) after the grace period <c>Privacy:LeaverGraceDays</c>.
    /// </summary>
    public DateTimeOffset? LeftAt { get; init; }

    /// <summary>
    /// When their volunteer profile was erased on request (注销志愿者, PIPL): never invited or messaged again; an
    /// import keeps the stamp (merge), so only a new registration by the person themselves brings them back.
    /// </summary>
    public DateTimeOffset? OptedOutAt { get; init; }
}

public sealed record StaffImportResult(int Imported, int Added);

public interface IStaffStore
{
    /// <summary>Adds or refreshes staff from one team (idempotent: importing twice adds nobody twice).</summary>
    Task<StaffImportResult> ImportAsync(string teamId, IReadOnlyList<StaffMember> members, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<StaffRecord>> ListAsync(CancellationToken cancellationToken);

    Task MarkInvitedAsync(IReadOnlyCollection<string> aadObjectIds, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>PIPL erasure: stamps <see cref="StaffRecord.OptedOutAt"/> (creating a bare row when the person was never imported).</summary>
    Task MarkOptedOutAsync(string aadObjectId, DateTimeOffset at, CancellationToken cancellationToken);
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

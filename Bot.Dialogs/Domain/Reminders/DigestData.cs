using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Dialogs.Domain.Reminders;

/// <summary>Who organises an activity (R5): the committee centrally (集中志愿服务) or a branch itself (支部自行组织).</summary>
public enum DigestOrganiser
{
    Centralised,
    Branch,
}

/// <summary>One dated activity of a project that is going ahead (approved or later, not cancelled).</summary>
public sealed record DigestActivity(string ProjectId, string Title, DigestOrganiser Organiser, IReadOnlyList<string> DivisionIds, DateOnly Date);

/// <summary>A project volunteers can still sign up for.</summary>
public sealed record DigestOpenProject(string ProjectId, string Title, DateTimeOffset Start, string Place, int? SeatsLeft)
{
    /// <summary>The project's <see cref="Project.OpenOnlyToDivisionIds"/>: null for a centralised one (open to all).</summary>
    public IReadOnlyList<string>? OnlyForDivisions { get; init; }

    /// <summary>Whether a volunteer of <paramref name="divisionId"/> can sign up: <see cref="Project.IsOpenTo(string?)"/>, the rule the sign-up enforces.</summary>
    public bool OpenTo(string? divisionId) => Project.IsOpenTo(OnlyForDivisions, divisionId);
}

/// <summary>A volunteer's hours in a period: confirmed by a liaison, and logged but waiting for confirmation.</summary>
public sealed record VolunteerHours(decimal Confirmed, decimal Pending)
{
    public bool HasAny => Confirmed > 0 || Pending > 0;
}

public sealed record DigestDivision(string Id, string Name, IReadOnlyList<string> LiaisonAadObjectIds);

public sealed record DigestVolunteer(string AadObjectId, string Name, string DivisionId);

/// <summary>
/// Everything the quarterly digest and the reminder letters are computed from, gathered once per run by
/// <see cref="IDigestSource"/>. A null part means that feature's data is not available (not installed yet):
/// the digest then shows "no data" for the figures that need it instead of a wrong zero.
/// </summary>
public sealed record DigestInput
{
    public required Quarter Quarter { get; init; }

    /// <summary>Today in Asia/Shanghai.</summary>
    public required DateOnly Today { get; init; }
    public IReadOnlyList<DigestDivision> Divisions { get; init; } = [];
    public IReadOnlyList<DigestVolunteer> Volunteers { get; init; } = [];

    /// <summary>Serving staff known from the imported rosters (R1: in principle all take part).</summary>
    public IReadOnlyList<string> StaffAadObjectIds { get; init; } = [];

    /// <summary>Active staff invited to register, and of them those who registered after their last invitation.</summary>
    public int InvitedStaff { get; init; }
    public int RegisteredSinceInvited { get; init; }

    /// <summary>Going-ahead activities dated in the quarter's year.</summary>
    public IReadOnlyList<DigestActivity>? Activities { get; init; }
    public IReadOnlyList<DigestOpenProject>? OpenProjects { get; init; }
    public int? FilingsAwaitingApproval { get; init; }
    public int? ApprovedWithoutDeclaration { get; init; }

    /// <summary>Hours per volunteer dated in the year so far / in the quarter, by Entra object id.</summary>
    public IReadOnlyDictionary<string, VolunteerHours>? HoursThisYear { get; init; }
    public IReadOnlyDictionary<string, VolunteerHours>? HoursThisQuarter { get; init; }

    /// <summary>Service records waiting for a liaison's confirmation, per division.</summary>
    public IReadOnlyDictionary<string, int>? PendingConfirmationsByDivision { get; init; }

    /// <summary>Gear items handed out and not yet confirmed back, per division (R4).</summary>
    public IReadOnlyDictionary<string, int>? GearOutByDivision { get; init; }

    /// <summary>Featured projects (特色项目) this year per division id; null when honours are not wired.</summary>
    public IReadOnlyDictionary<string, int>? FeaturedByDivision { get; init; }
}

/// <summary>One division's standing, as its liaisons and the committee see it.</summary>
public sealed record DivisionStanding
{
    public required string DivisionId { get; init; }
    public required string Name { get; init; }
    public int ActivitiesThisQuarter { get; init; }
    public int BranchActivitiesThisYear { get; init; }
    public int Members { get; init; }

    /// <summary>Registered members with no confirmed or pending hours this year; null without hours data.</summary>
    public IReadOnlyList<string>? MembersNotServed { get; init; }
    public int? AwaitingConfirmation { get; init; }
    public int? GearOut { get; init; }

    /// <summary>Liaisons appointed (R2: at least one per division); the dashboard shows the count and flags zero.</summary>
    public int LiaisonCount { get; init; }

    public bool HasNoLiaison => LiaisonCount == 0;

    /// <summary>Featured projects (特色项目) of the division this year: assessment credit (seed part 5.3, R14); null without data.</summary>
    public int? FeaturedProjects { get; init; }

    public bool BranchTargetMet => BranchActivitiesThisYear >= DigestTargets.BranchPerDivisionPerYear;
}

/// <summary>The quarterly digest (季度简报) for the committee: R5, R6 and R14 figures.</summary>
public sealed record QuarterlyDigest
{
    public required Quarter Quarter { get; init; }
    public required IReadOnlyList<DivisionStanding> Divisions { get; init; }
    public bool HasProjectData { get; init; }
    public int ActivitiesThisQuarter { get; init; }
    public int CentralisedThisYear { get; init; }
    public int BranchThisYear { get; init; }
    public int DivisionsMeetingBranchTarget { get; init; }
    public int RegisteredVolunteers { get; init; }

    /// <summary>Registered volunteers with confirmed hours this year ÷ registered volunteers (target 90 %).</summary>
    public decimal? ParticipationRate { get; init; }

    /// <summary>Confirmed hours this year ÷ registered volunteers (target 4).</summary>
    public decimal? AverageHours { get; init; }

    /// <summary>Volunteers with at least 20 confirmed hours this year (R14: may be named outstanding).</summary>
    public int? VolunteersAt20Hours { get; init; }
    public int UnregisteredStaff { get; init; }

    /// <summary>Active staff invited to register (邀请注册) at least once, and how many of them registered after it.</summary>
    public int InvitedStaff { get; init; }
    public int RegisteredSinceInvited { get; init; }
    public int? FilingsAwaitingApproval { get; init; }
    public int? ApprovedWithoutDeclaration { get; init; }

    /// <summary>Names of active divisions without a liaison (R2), flagged in the digest.</summary>
    public IReadOnlyList<string> DivisionsWithoutLiaison { get; init; } = [];

    public bool CentralisedTargetMet => CentralisedThisYear >= DigestTargets.CentralisedPerYear;
}

/// <summary>The seed's targets (R5, R6, R14).</summary>
public static class DigestTargets
{
    public const int ActivitiesPerQuarter = 1;
    public const int CentralisedPerYear = 2;
    public const int BranchPerDivisionPerYear = 2;
    public const decimal ParticipationRate = 0.90m;
    public const decimal AverageHours = 4m;
    public const decimal OutstandingHours = 20m;
}

/// <summary>Gathers a <see cref="DigestInput"/> from the stores (implemented in Bot.Dialogs over the store interfaces).</summary>
public interface IDigestSource
{
    Task<DigestInput> GatherAsync(Quarter quarter, DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>What the digest reads about projects (issue 4); optional until it is wired.</summary>
public interface IProjectDigestReader
{
    /// <summary>Going-ahead (approved or later, not cancelled) activities dated in [from, to], Asia/Shanghai dates.</summary>
    Task<IReadOnlyList<DigestActivity>> ListActivitiesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Projects open for sign-up now, soonest first.</summary>
    Task<IReadOnlyList<DigestOpenProject>> ListOpenAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Filings (报备) waiting for the committee's approval.</summary>
    Task<int> CountAwaitingApprovalAsync(CancellationToken cancellationToken);

    /// <summary>Approved projects without a 全国志愿服务信息系统 declaration number (R10).</summary>
    Task<int> CountApprovedWithoutDeclarationAsync(CancellationToken cancellationToken);
}

/// <summary>What the digest reads about service hours (issue 5); optional until it is wired.</summary>
public interface IServiceHoursReader
{
    /// <summary>Hours per volunteer (Entra object id) for service dated in [from, to]: confirmed and pending.</summary>
    Task<IReadOnlyDictionary<string, VolunteerHours>> HoursByVolunteerAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>Service records waiting for a liaison's confirmation, per division id.</summary>
    Task<IReadOnlyDictionary<string, int>> PendingByDivisionAsync(CancellationToken cancellationToken);
}

/// <summary>What the digest reads about team gear (issue 8); optional until it is wired.</summary>
public interface IGearOutReader
{
    /// <summary>Items handed out and not yet confirmed back, per division id.</summary>
    Task<IReadOnlyDictionary<string, int>> ItemsOutByDivisionAsync(CancellationToken cancellationToken);
}

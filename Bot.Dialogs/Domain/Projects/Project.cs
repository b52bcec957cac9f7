namespace VolunteerBot.Dialogs.Domain.Projects;

/// <summary>Who organises the activity (R5): the committee centrally (集中志愿服务) or the branch itself (支部自行组织).</summary>
public enum OrganiserType
{
    Centralised,
    Branch,
}

/// <summary>How the project started (R7): assigned by the committee (指定承担) or applied for by divisions (自愿申请).</summary>
public enum ProjectOrigin
{
    Applied,
    Designated,
}

/// <summary>
/// The stored lifecycle: Filed → Approved → Open; Returned (back to the liaison, who refiles → Filed);
/// Assigned (designated, waiting for the divisions to accept) → Approved; Cancelled; Archived.
/// InProgress and Completed follow from the clock for an open project (<see cref="ProjectLifecycle.StatusAt"/>),
/// and are stored only when someone writes the project after those times.
/// </summary>
public enum ProjectStatus
{
    Filed,
    Returned,
    Assigned,
    Approved,
    Open,
    InProgress,
    Completed,
    Archived,
    Cancelled,
}

/// <summary>One return of a filing by the committee, with the reason the liaison must address.</summary>
public sealed record ReturnNote(string ByAadObjectId, string ByName, DateTimeOffset At, string Reason);

public enum DivisionResponseKind
{
    Accepted,
    Question,
}

/// <summary>A division's answer to a designated project (指定承担): accepted with a note, or a question to the committee.</summary>
public sealed record DivisionResponse(string DivisionId, DivisionResponseKind Kind, string ByAadObjectId, string ByName, DateTimeOffset At, string? Note);

/// <summary>
/// A volunteer project (志愿服务项目). Decision: a project has one dated activity (志愿服务活动), its
/// <see cref="Start"/>–<see cref="End"/>; a recurring service is filed as several projects. Times are stored as
/// instants and shown in Asia/Shanghai.
/// </summary>
public sealed record Project
{
    /// <summary>"yyyy-xxxxxxxx": the filing year (Asia/Shanghai) and 8 hex digits. The year is the storage partition.</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required string CategoryId { get; init; }
    public required OrganiserType Organiser { get; init; }
    public required ProjectOrigin Origin { get; init; }

    /// <summary>The lead division: the filing one (自愿申请) or the first assigned one (指定承担).</summary>
    public required string DivisionId { get; init; }

    /// <summary>Divisions taking part jointly (联合申请 / 共同承担), without the lead one.</summary>
    public IReadOnlyList<string> JointDivisionIds { get; init; } = [];

    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
    public required string Place { get; init; }
    public required int Capacity { get; init; }
    public string Description { get; init; } = "";
    public bool IsIndustrySpecific { get; init; }

    public required ProjectStatus Status { get; init; }

    /// <summary>R10: number of the project in 全国志愿服务信息系统, entered by the committee after approval.</summary>
    public string? DeclarationNumber { get; init; }
    public string? DeclaredByAadObjectId { get; init; }
    public DateTimeOffset? DeclaredAt { get; init; }

    public required string FiledByAadObjectId { get; init; }
    public required string FiledByName { get; init; }
    public required DateTimeOffset FiledAt { get; init; }

    public string? DecidedByAadObjectId { get; init; }
    public string? DecidedByName { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }

    public IReadOnlyList<ReturnNote> Returns { get; init; } = [];
    public IReadOnlyList<DivisionResponse> Responses { get; init; } = [];

    public DateTimeOffset? AnnouncedAt { get; init; }
    public string? CancelledByAadObjectId { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public string? CancelReason { get; init; }

    /// <summary>Who archived the completed project (归档) and when.</summary>
    public string? ArchivedByAadObjectId { get; init; }
    public string? ArchivedByName { get; init; }
    public DateTimeOffset? ArchivedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The lead division first, then the joint ones.</summary>
    public IReadOnlyList<string> AllDivisionIds => [DivisionId, .. JointDivisionIds.Where(d => d != DivisionId)];

    public bool Involves(string divisionId) => AllDivisionIds.Contains(divisionId, StringComparer.Ordinal);

    /// <summary>
    /// Who may sign up: null for a centralised project (集中志愿服务, open to every volunteer), otherwise the lead and
    /// joint divisions, whose volunteers alone may join a branch-organised one (支部自行组织). The project list, the
    /// sign-up and the reminders' list of open projects all read this one rule through <see cref="IsOpenTo(string?)"/>.
    /// </summary>
    public IReadOnlyList<string>? OpenOnlyToDivisionIds => Organiser == OrganiserType.Centralised ? null : AllDivisionIds;

    /// <summary>Whether a volunteer of <paramref name="divisionId"/> (null: not in any division) may sign up.</summary>
    public bool IsOpenTo(string? divisionId) => IsOpenTo(OpenOnlyToDivisionIds, divisionId);

    /// <summary>The same rule for a copy of <see cref="OpenOnlyToDivisionIds"/> kept outside the project (the digest's).</summary>
    public static bool IsOpenTo(IReadOnlyList<string>? openOnlyToDivisionIds, string? divisionId) =>
        openOnlyToDivisionIds is null || (divisionId is not null && openOnlyToDivisionIds.Contains(divisionId, StringComparer.Ordinal));

    /// <summary>
    /// Who may see this project's details in its current state: the committee always; liaisons of its divisions
    /// (lead or joint) in every state; other volunteers only once it is announced (Open and after, not Cancelled before
    /// opening) and only when it is open to their division (<see cref="IsOpenTo(string?)"/>). Filed, returned,
    /// assigned and approved-but-unannounced projects stay between their divisions' liaisons and the committee.
    /// </summary>
    public bool IsVisibleTo(bool isCommittee, Func<string, bool> isLiaisonOf, string? divisionId) =>
        isCommittee
        || AllDivisionIds.Any(isLiaisonOf)
        || (Status is ProjectStatus.Open or ProjectStatus.InProgress or ProjectStatus.Completed or ProjectStatus.Archived && IsOpenTo(divisionId))
        // A project cancelled after it was opened stays readable for those it was open to: their cards say why.
        || (Status is ProjectStatus.Cancelled && AnnouncedAt is not null && IsOpenTo(divisionId));

    /// <summary>The filing year encoded in the id (the storage partition).</summary>
    public static int YearOf(string projectId) =>
        projectId.Length >= 4 && int.TryParse(projectId.AsSpan(0, 4), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : 0;

    /// <summary>A stable id for one filing card: the same draft always gives the same id (double taps file once).</summary>
    public static string NewIdFromDraft(int year, string draftId)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(draftId));
        return year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(hash)[..8];
    }

    public static string NewId(int year) => year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
}

using System.Globalization;

namespace VolunteerBot.Dialogs.Domain.Hours;

/// <summary>Where a service record stands. Records are never deleted: a rejection is a status with a reason.</summary>
public enum RecordStatus
{
    /// <summary>Logged by the volunteer, waiting for the liaison (待确认).</summary>
    Pending,

    /// <summary>Confirmed by a liaison or the committee (已确认): counts for hours and points.</summary>
    Confirmed,

    /// <summary>Rejected with a reason (未通过), or marked absent on the activity card; counts for nothing.</summary>
    Rejected,
}

/// <summary>Service quality as the liaison rates it (R13): 好 / 一般 / 差.</summary>
public enum ServiceQuality
{
    Good,
    Fair,
    Poor,
}

/// <summary>Who created the record: the volunteer (self-logged), the liaison on the activity card, or the clock at the venue (签到).</summary>
public enum RecordSource
{
    Volunteer,
    Liaison,

    /// <summary>From check-in and check-out at the venue (签到 / 签退).</summary>
    CheckIn,
}

/// <summary>
/// One volunteer's service on one day for one project (or community service where they live, R9): R11's who,
/// which project, when, how long, confirmed by whom. At most one per volunteer, project and day: the id is
/// <c>yyyyMMdd-{projectId}</c> (or <c>yyyyMMdd-community</c>), which storage uses as the key.
/// </summary>
public sealed record ServiceRecord
{
    public const string CommunityProject = "community";

    public required string VolunteerAadObjectId { get; init; }
    public required string VolunteerName { get; init; }

    /// <summary>The division the volunteer belonged to on <see cref="Date"/> (R2: records stay where they were earned).</summary>
    public required string DivisionId { get; init; }

    /// <summary>The project, or null for community service at the volunteer's residential community.</summary>
    public string? ProjectId { get; init; }
    public required string ProjectTitle { get; init; }

    /// <summary>The divisions organising the project (lead first); for community service, the volunteer's division.</summary>
    public IReadOnlyList<string> OrganiserDivisionIds { get; init; } = [];

    /// <summary>True when the committee organised it centrally (集中志愿服务).</summary>
    public bool IsCentralised { get; init; }
    public string? DeclarationNumber { get; init; }
    public string Place { get; init; } = "";

    /// <summary>What the volunteer did (服务内容); required for community service.</summary>
    public string Content { get; init; } = "";

    public required DateOnly Date { get; init; }
    public required decimal Hours { get; init; }
    public required RecordStatus Status { get; init; }
    public ServiceQuality? Quality { get; init; }

    /// <summary>Points this record earns (R13): zero unless confirmed.</summary>
    public int Points { get; init; }

    public required RecordSource Source { get; init; }

    /// <summary>A check-in record without a check-out (未签退): the scheduled end stood in for it.</summary>
    public bool MissingCheckOut { get; init; }
    public required string LoggedByAadObjectId { get; init; }
    public required DateTimeOffset LoggedAt { get; init; }

    public string? DecidedByAadObjectId { get; init; }
    public string? DecidedByName { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? RejectReason { get; init; }

    /// <summary>Incremented on every change; each revision has an audit entry.</summary>
    public int Revision { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public string Id => IdOf(Date, ProjectId);

    public bool IsCommunity => ProjectId is null;

    public static string IdOf(DateOnly date, string? projectId) =>
        date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + (projectId ?? CommunityProject);

    /// <summary>The hours that count: confirmed ones only.</summary>
    public decimal ConfirmedHours => Status == RecordStatus.Confirmed ? Hours : 0m;
}

/// <summary>What happened to a record in one revision (who, what, when): the audit trail of corrections.</summary>
public enum AuditAction
{
    Logged,
    Confirmed,
    Corrected,
    Rejected,
}

/// <param name="Changes">"Hours: 3 → 2.5; Quality: — → Good" (invariant field names, for the committee's audit).</param>
public sealed record AuditEntry(string RecordId, int Revision, AuditAction Action, string ByAadObjectId, string ByName, DateTimeOffset At, string Changes, string? Reason);

/// <summary>A record change decided by a rule: the record afterwards and its audit entry.</summary>
public sealed record RecordChange(ServiceRecord After, AuditEntry Audit);

/// <summary>The outcome of a write: <see cref="Changed"/> false when nothing was written (an identical resubmit).</summary>
public sealed record RecordWrite(ServiceRecord? Before, ServiceRecord? After, bool Changed);

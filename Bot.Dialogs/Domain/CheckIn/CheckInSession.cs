namespace VolunteerBot.Dialogs.Domain.CheckIn;

/// <summary>
/// Check-in at the venue (签到) for one activity: the code shown now and the one before it. A fresh code replaces the
/// current one; the replaced code keeps working for <see cref="CheckInRules.OldCodeGrace"/> after the fresh one was shown
/// (people in the queue already typed it). One per project; written with its ETag.
/// </summary>
public sealed record CheckInSession
{
    public required string ProjectId { get; init; }

    /// <summary>Six random digits.</summary>
    public required string Code { get; init; }

    /// <summary>When <see cref="Code"/> was shown (opened or refreshed).</summary>
    public required DateTimeOffset CodeShownAt { get; init; }

    /// <summary>The code before <see cref="Code"/>, valid until <see cref="CodeShownAt"/> + <see cref="CheckInRules.OldCodeGrace"/>.</summary>
    public string? PreviousCode { get; init; }

    public required string OpenedByAadObjectId { get; init; }
    public required string OpenedByName { get; init; }
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>How many codes were shown (1 when opened).</summary>
    public int Revision { get; init; } = 1;
}

/// <summary>
/// One person's attendance at one activity (签到 / 签退): one row per activity and person, whatever happens twice.
/// <see cref="IsWalkIn"/>: they held no confirmed seat (现场加入). <see cref="RecordedAt"/>: their service record was made.
/// The activity's scheduled window is kept with it, so overlapping check-ins are found from the person's own rows.
/// </summary>
public sealed record Attendance
{
    public required string ProjectId { get; init; }
    public required string ProjectTitle { get; init; }
    public required DateTimeOffset ProjectStart { get; init; }
    public required DateTimeOffset ProjectEnd { get; init; }
    public required string VolunteerAadObjectId { get; init; }
    public required string VolunteerName { get; init; }

    /// <summary>The volunteer's division at check-in.</summary>
    public required string DivisionId { get; init; }
    public required bool IsWalkIn { get; init; }
    public required DateTimeOffset CheckedInAt { get; init; }
    public DateTimeOffset? CheckedOutAt { get; init; }

    /// <summary>When the pending service record (source 签到) was written; null until then.</summary>
    public DateTimeOffset? RecordedAt { get; init; }

    public bool CheckedOut => CheckedOutAt is not null;
}

/// <summary>The outcome of a check-in write: the stored row, and whether this call created it.</summary>
public sealed record CheckInWrite(Attendance Attendance, bool Created);

/// <summary>Wrong codes of one person in the recent past (rate limit), and until when they must wait.</summary>
public sealed record CodeThrottle(IReadOnlyList<DateTimeOffset> Failures, DateTimeOffset? BlockedUntil)
{
    public static readonly CodeThrottle None = new([], null);
}

/// <summary>A code in use: which activity it belongs to, and until when it may be looked up (the activity's end).</summary>
public sealed record CodeLease(string Code, string ProjectId, DateTimeOffset ValidUntil);

/// <summary>
/// Check-ins. The session and the attendance rows of an activity share one partition; each person's row is inserted
/// once (a second check-in finds the first), changes are ETag-guarded read-modify-writes. A per-person index answers
/// "my check-ins" (overlap) without scanning; codes are leased so two live activities never share one.
/// </summary>
public interface ICheckInStore
{
    Task<CheckInSession?> GetSessionAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>
    /// Read-modify-write of the session: <paramref name="change"/> gets the current one (null when none) and returns the new
    /// one, or the same instance to write nothing. Runs again on a concurrent write. Returns the session afterwards.
    /// </summary>
    Task<CheckInSession> UpdateSessionAsync(string projectId, Func<CheckInSession?, CheckInSession> change, CancellationToken cancellationToken);

    /// <summary>
    /// Takes <paramref name="code"/> for <paramref name="projectId"/> until <paramref name="validUntil"/>: true when it was free,
    /// expired (its lease ended before <paramref name="now"/>) or already this project's.
    /// </summary>
    Task<bool> TryLeaseCodeAsync(CodeLease lease, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The lease of a code, or null when the code was never leased.</summary>
    Task<CodeLease?> FindCodeAsync(string code, CancellationToken cancellationToken);

    /// <summary>Inserts the person's row once; when it exists, returns it unchanged (Created false).</summary>
    Task<CheckInWrite> CheckInAsync(Attendance attendance, CancellationToken cancellationToken);

    /// <summary>
    /// Read-modify-write of one row: <paramref name="change"/> returns the new row, or the same instance to write nothing.
    /// Null when there is no row.
    /// </summary>
    Task<Attendance?> UpdateAsync(string projectId, string volunteerAadObjectId, Func<Attendance, Attendance> change, CancellationToken cancellationToken);

    Task<Attendance?> GetAsync(string projectId, string volunteerAadObjectId, CancellationToken cancellationToken);

    /// <summary>Every row of an activity (one partition), in check-in order.</summary>
    Task<IReadOnlyList<Attendance>> ListByProjectAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>A person's rows of activities ending after <paramref name="endsAfter"/>, newest check-in first (one partition of the index).</summary>
    Task<IReadOnlyList<Attendance>> ListByVolunteerAsync(string volunteerAadObjectId, DateTimeOffset endsAfter, CancellationToken cancellationToken);

    Task<CodeThrottle> GetThrottleAsync(string volunteerAadObjectId, CancellationToken cancellationToken);

    /// <summary>Counts one wrong code at <paramref name="at"/> (see <see cref="CheckInRules.Fail"/>); returns the state afterwards.</summary>
    Task<CodeThrottle> RecordFailureAsync(string volunteerAadObjectId, DateTimeOffset at, CancellationToken cancellationToken);
}

namespace VolunteerBot.Dialogs.Domain.Projects;

/// <summary>Why a lifecycle step was refused.</summary>
public enum TransitionError
{
    /// <summary>The project is not in a status that allows this step (e.g. approving a cancelled project).</summary>
    WrongStatus,

    /// <summary>The step was already done (a double tap): nothing changes.</summary>
    AlreadyDone,

    /// <summary>The activity has started or ended, so this step is no longer possible.</summary>
    TooLate,
}

/// <summary>A lifecycle step's result: the new project, or why not (with the project unchanged).</summary>
public sealed record Transition(Project Project, TransitionError? Error)
{
    public bool Ok => Error is null;

    public static Transition Done(Project p) => new(p, null);

    public static Transition Refused(Project p, TransitionError e) => new(p, e);
}

/// <summary>
/// The project lifecycle as pure functions: filed → approved → open → in progress → completed → archived;
/// returned (→ refiled); assigned (designated) → approved; cancelled. Stores persist what these return.
/// </summary>
public static class ProjectLifecycle
{
    /// <summary>The status as of <paramref name="now"/>: an approved or open project is in progress from its start and completed from its end.</summary>
    public static ProjectStatus StatusAt(this Project p, DateTimeOffset now) => p.Status switch
    {
        ProjectStatus.Approved or ProjectStatus.Open or ProjectStatus.InProgress when now >= p.End => ProjectStatus.Completed,
        ProjectStatus.Approved or ProjectStatus.Open when now >= p.Start => ProjectStatus.InProgress,
        _ => p.Status,
    };

    /// <summary>Volunteers may sign up to an open project before it starts.</summary>
    public static bool AcceptsSignUps(this Project p, DateTimeOffset now) => p.Status == ProjectStatus.Open && now < p.Start;

    /// <summary>Approved by the committee (or accepted by every assigned division) and not cancelled: it counts for quotas.</summary>
    public static bool IsGoingAhead(this Project p) =>
        p.Status is ProjectStatus.Approved or ProjectStatus.Open or ProjectStatus.InProgress or ProjectStatus.Completed or ProjectStatus.Archived;

    public static bool IsPendingReview(this Project p) => p.Status == ProjectStatus.Filed;

    public static Transition Approve(Project p, string by, string byName, DateTimeOffset at)
    {
        if (p.Status is ProjectStatus.Approved or ProjectStatus.Open)
        {
            return Transition.Refused(p, TransitionError.AlreadyDone);
        }

        if (p.Status != ProjectStatus.Filed)
        {
            return Transition.Refused(p, TransitionError.WrongStatus);
        }

        if (at >= p.Start)
        {
            return Transition.Refused(p, TransitionError.TooLate);
        }

        return Transition.Done(p with { Status = ProjectStatus.Approved, DecidedByAadObjectId = by, DecidedByName = byName, DecidedAt = at, UpdatedAt = at });
    }

    public static Transition Return(Project p, string by, string byName, DateTimeOffset at, string reason)
    {
        if (p.Status == ProjectStatus.Returned && p.Returns.Count > 0 && p.Returns[^1].Reason == reason)
        {
            return Transition.Refused(p, TransitionError.AlreadyDone);
        }

        if (p.Status != ProjectStatus.Filed)
        {
            return Transition.Refused(p, TransitionError.WrongStatus);
        }

        return Transition.Done(p with
        {
            Status = ProjectStatus.Returned,
            DecidedByAadObjectId = by,
            DecidedByName = byName,
            DecidedAt = at,
            Returns = [.. p.Returns, new ReturnNote(by, byName, at, reason)],
            UpdatedAt = at,
        });
    }

    /// <summary>A returned (or still pending) filing edited by its liaison goes back to the committee as filed.</summary>
    public static Transition Refile(Project p, Project edited, string by, string byName, DateTimeOffset at)
    {
        if (p.Status is not (ProjectStatus.Returned or ProjectStatus.Filed))
        {
            return Transition.Refused(p, TransitionError.WrongStatus);
        }

        return Transition.Done(edited with
        {
            Id = p.Id,
            Origin = p.Origin,
            Status = ProjectStatus.Filed,
            FiledByAadObjectId = by,
            FiledByName = byName,
            FiledAt = at,
            DecidedAt = null,
            DecidedByAadObjectId = null,
            DecidedByName = null,
            Returns = p.Returns,
            Responses = p.Responses,
            UpdatedAt = at,
        });
    }

    /// <summary>Announced and open for sign-ups.</summary>
    public static Transition Open(Project p, DateTimeOffset at)
    {
        if (p.Status == ProjectStatus.Open)
        {
            return Transition.Refused(p, TransitionError.AlreadyDone);
        }

        return p.Status == ProjectStatus.Approved
            ? Transition.Done(p with { Status = ProjectStatus.Open, AnnouncedAt = at, UpdatedAt = at })
            : Transition.Refused(p, TransitionError.WrongStatus);
    }

    /// <summary>A division's answer to a designated project; when every assigned division has accepted, it is approved.</summary>
    public static Transition Respond(Project p, DivisionResponse response)
    {
        if (p.Status != ProjectStatus.Assigned)
        {
            return Transition.Refused(p, p.Responses.Any(r => r.DivisionId == response.DivisionId && r.Kind == DivisionResponseKind.Accepted)
                ? TransitionError.AlreadyDone : TransitionError.WrongStatus);
        }

        if (!p.Involves(response.DivisionId))
        {
            return Transition.Refused(p, TransitionError.WrongStatus);
        }

        if (response.Kind == DivisionResponseKind.Accepted && p.Responses.Any(r => r.DivisionId == response.DivisionId && r.Kind == DivisionResponseKind.Accepted))
        {
            return Transition.Refused(p, TransitionError.AlreadyDone);
        }

        var responses = new List<DivisionResponse>(p.Responses) { response };
        var accepted = responses.Where(r => r.Kind == DivisionResponseKind.Accepted).Select(r => r.DivisionId).ToHashSet(StringComparer.Ordinal);
        var all = p.AllDivisionIds.All(accepted.Contains);
        return Transition.Done(p with
        {
            Responses = responses,
            Status = all ? ProjectStatus.Approved : ProjectStatus.Assigned,
            DecidedAt = all ? response.At : p.DecidedAt,
            UpdatedAt = response.At,
        });
    }

    public static Transition Declare(Project p, string number, string by, DateTimeOffset at)
    {
        if (!p.IsGoingAhead())
        {
            return Transition.Refused(p, TransitionError.WrongStatus);
        }

        if (p.DeclarationNumber == number)
        {
            return Transition.Refused(p, TransitionError.AlreadyDone);
        }

        return Transition.Done(p with { DeclarationNumber = number, DeclaredByAadObjectId = by, DeclaredAt = at, UpdatedAt = at });
    }

    /// <summary>The committee cancels a project that has not ended.</summary>
    public static Transition Cancel(Project p, string by, DateTimeOffset at, string? reason)
    {
        if (p.Status == ProjectStatus.Cancelled)
        {
            return Transition.Refused(p, TransitionError.AlreadyDone);
        }

        if (p.Status is ProjectStatus.Completed or ProjectStatus.Archived || (p.IsGoingAhead() && at >= p.End))
        {
            return Transition.Refused(p, TransitionError.TooLate);
        }

        return Transition.Done(p with { Status = ProjectStatus.Cancelled, CancelledByAadObjectId = by, CancelledAt = at, CancelReason = reason, UpdatedAt = at });
    }

    /// <summary>
    /// A completed activity is archived by the committee (归档): its records are kept and it still counts for quotas,
    /// exports and the digest, but it leaves the working lists. Whether hours are settled is checked by
    /// <see cref="ArchiveBlocker"/> before this runs; this step only guards the status (it may rerun on 412).
    /// </summary>
    public static Transition Archive(Project p, DateTimeOffset at, string? by = null, string? byName = null)
    {
        if (p.Status == ProjectStatus.Archived)
        {
            return Transition.Refused(p, TransitionError.AlreadyDone);
        }

        return p.StatusAt(at) == ProjectStatus.Completed
            ? Transition.Done(p with { Status = ProjectStatus.Archived, ArchivedByAadObjectId = by, ArchivedByName = byName, ArchivedAt = at, UpdatedAt = at })
            : Transition.Refused(p, TransitionError.WrongStatus);
    }

    /// <summary>
    /// What stands in the way of archiving, the first of: already archived; the activity has not completed (or was
    /// cancelled, returned, never approved); the liaison has not confirmed attendance and hours on the activity card
    /// although volunteers held seats; self-logged hours still wait for confirmation; no declaration number (R10:
    /// every project is declared in 全国志愿服务信息系统, and the declaration list no longer shows archived projects).
    /// </summary>
    public static ArchiveBlock ArchiveBlocker(this Project p, DateTimeOffset now, HoursOutstanding hours)
    {
        if (p.Status == ProjectStatus.Archived)
        {
            return ArchiveBlock.AlreadyArchived;
        }

        if (p.StatusAt(now) != ProjectStatus.Completed)
        {
            return ArchiveBlock.NotCompleted;
        }

        if (hours.AttendanceUnconfirmed)
        {
            return ArchiveBlock.AttendanceUnconfirmed;
        }

        if (hours.PendingRecords > 0)
        {
            return ArchiveBlock.HoursPending;
        }

        return string.IsNullOrWhiteSpace(p.DeclarationNumber) ? ArchiveBlock.NoDeclaration : ArchiveBlock.None;
    }
}

/// <summary>Hours of one activity not yet settled: attendance not confirmed by the liaison, and pending self-logged records.</summary>
public sealed record HoursOutstanding(bool AttendanceUnconfirmed, int PendingRecords)
{
    public static readonly HoursOutstanding None = new(false, 0);

    public bool Any => AttendanceUnconfirmed || PendingRecords > 0;
}

/// <summary>Why a project cannot be archived now (<see cref="None"/>: it can).</summary>
public enum ArchiveBlock
{
    None,
    AlreadyArchived,
    NotCompleted,
    AttendanceUnconfirmed,
    HoursPending,
    NoDeclaration,
}

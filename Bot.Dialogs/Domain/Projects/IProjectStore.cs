namespace VolunteerBot.Dialogs.Domain.Projects;

/// <summary>A read-modify-write outcome: the project before and after; <see cref="Changed"/> false when nothing was written.</summary>
public sealed record ProjectUpdate(Project? Before, Project? After)
{
    public bool Changed => Before is not null && After is not null && !ReferenceEquals(Before, After);
}

/// <summary>
/// Projects. Updates are ETag-guarded read-modify-writes: <c>change</c> gets the current project and returns the
/// new one, the same instance when nothing changes (idempotent double taps), and may run more than once on 412.
/// </summary>
public interface IProjectStore
{
    Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>Inserts a new project (its id must be new).</summary>
    Task CreateAsync(Project project, CancellationToken cancellationToken);

    Task<ProjectUpdate> UpdateAsync(string projectId, Func<Project, Project> change, CancellationToken cancellationToken);

    /// <summary>Projects in any of <paramref name="statuses"/> filed this year or last year (Asia/Shanghai).</summary>
    Task<IReadOnlyList<Project>> ListByStatusAsync(IReadOnlyCollection<ProjectStatus> statuses, CancellationToken cancellationToken);

    /// <summary>Projects whose activity starts in [from, to) (e.g. a quarter or a year), any status.</summary>
    Task<IReadOnlyList<Project>> ListStartingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);

    /// <summary>Projects a division leads or joins, filed this year or last year.</summary>
    Task<IReadOnlyList<Project>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken);
}

/// <summary>
/// Sign-ups. Capacity is enforced in storage under concurrency: a per-project counter and the sign-up rows share a
/// partition and change together in one ETag-guarded transaction.
/// </summary>
public interface ISignUpStore
{
    /// <summary>Signs up once: confirmed while seats remain, else waitlisted; a second call returns the first sign-up.
    /// A cancelled volunteer may sign up again and goes to the end of the line.</summary>
    Task<SignUpResult> SignUpAsync(SignUpRequest request, CancellationToken cancellationToken);

    /// <summary>Cancels and promotes waitlisted volunteers in arrival order into the freed seats (up to <paramref name="capacity"/>).</summary>
    Task<CancelResult> CancelAsync(string projectId, string volunteerAadObjectId, int capacity, DateTimeOffset at, CancellationToken cancellationToken);

    Task<SignUp?> GetAsync(string projectId, string volunteerAadObjectId, CancellationToken cancellationToken);

    /// <summary>All sign-ups of a project (one partition), in arrival order, cancelled ones included.</summary>
    Task<IReadOnlyList<SignUp>> ListByProjectAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>A volunteer's sign-ups, newest project first, cancelled ones included.</summary>
    Task<IReadOnlyList<SignUp>> ListByVolunteerAsync(string volunteerAadObjectId, CancellationToken cancellationToken);

    Task<SignUpCounts> CountAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the volunteer's name on every one of their sign-up rows with <paramref name="replacement"/> (erasure under
    /// PIPL); status, order and counts stay. Returns how many rows changed; a second call changes none.
    /// </summary>
    Task<int> EraseNameAsync(string volunteerAadObjectId, string replacement, CancellationToken cancellationToken);
}

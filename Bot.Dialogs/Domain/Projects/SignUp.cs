namespace VolunteerBot.Dialogs.Domain.Projects;

public enum SignUpStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// <summary>
/// A volunteer's sign-up (报名) for a project. <see cref="Sequence"/> is the arrival order (1, 2, …) given by the
/// project's counter when the sign-up was stored; the waitlist is promoted in this order.
/// </summary>
public sealed record SignUp
{
    public required string ProjectId { get; init; }
    public required string VolunteerAadObjectId { get; init; }
    public required string VolunteerName { get; init; }

    /// <summary>The volunteer's division when they signed up (records stay with it if they move later, R2).</summary>
    public required string DivisionId { get; init; }
    public required SignUpStatus Status { get; init; }
    public required long Sequence { get; init; }
    public required DateTimeOffset SignedUpAt { get; init; }
    public DateTimeOffset? PromotedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>What a sign-up request asks for; <see cref="Capacity"/> is the project's at the time.</summary>
public sealed record SignUpRequest(string ProjectId, string VolunteerAadObjectId, string VolunteerName, string DivisionId, int Capacity, DateTimeOffset At);

public enum SignUpOutcome
{
    Confirmed,
    Waitlisted,

    /// <summary>Already signed up (confirmed or waitlisted): nothing changed.</summary>
    AlreadySignedUp,
}

/// <param name="WaitlistPosition">1-based place on the waitlist when waitlisted, else 0.</param>
public sealed record SignUpResult(SignUp SignUp, SignUpOutcome Outcome, int WaitlistPosition);

/// <summary>The outcome of a cancellation: the cancelled sign-up (null when there was none to cancel) and who moved up.</summary>
public sealed record CancelResult(SignUp? Cancelled, IReadOnlyList<SignUp> Promoted, bool WasActive);

/// <summary>Seats taken and the waitlist length of one project.</summary>
public sealed record SignUpCounts(int Confirmed, int Waitlisted);

namespace VolunteerBot.Dialogs.Domain.Team;

/// <summary>
/// One stretch of a volunteer's membership in a division, in dates of the department's time zone:
/// <see cref="From"/> inclusive, <see cref="Until"/> exclusive (the day of the move), null while current.
/// Hours, digests and points use it to attribute a dated record to the division it was earned in.
/// </summary>
public sealed record DivisionMembership(string DivisionId, DateOnly From, DateOnly? Until)
{
    public bool IsCurrent => Until is null;

    public bool Covers(DateOnly date) => From <= date && (Until is null || date < Until.Value);
}

public static class MembershipHistory
{
    /// <summary>The division the volunteer belonged to on <paramref name="date"/>, or null when not yet registered then.</summary>
    public static string? DivisionOn(this IEnumerable<DivisionMembership> history, DateOnly date) =>
        history.LastOrDefault(m => m.Covers(date))?.DivisionId;
}

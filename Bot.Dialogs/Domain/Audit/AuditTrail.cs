namespace VolunteerBot.Dialogs.Domain.Audit;

/// <summary>
/// One administrative change (who appointed or removed a liaison or committee member, named an outstanding volunteer …):
/// who did it, when, what, to whom. Service records keep their own revision trail; this is for everything else.
/// </summary>
public sealed record AuditEvent(DateTimeOffset At, string ActorAadObjectId, string ActorName, string Action, string Target, string Detail);

/// <summary>The audit trail: append-only, newest first when read.</summary>
public interface IAuditTrail
{
    Task AddAsync(AuditEvent entry, CancellationToken cancellationToken);

    /// <summary>The newest entries of an action family (e.g. "committee", "liaison"), at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<AuditEvent>> ListAsync(string actionPrefix, int max, CancellationToken cancellationToken);
}

/// <summary>The action names written to the trail.</summary>
public static class AuditActions
{
    public const string CommitteeAdded = "committee.added";
    public const string CommitteeRemoved = "committee.removed";
    public const string LiaisonAppointed = "liaison.appointed";
    public const string LiaisonRemoved = "liaison.removed";
    public const string HonourNamed = "honours.named";
    public const string HonourUnnamed = "honours.unnamed";
    public const string HonoursPublished = "honours.published";
    public const string ProjectFeatured = "honours.featured";
    public const string PointsPublished = "points.published";
}

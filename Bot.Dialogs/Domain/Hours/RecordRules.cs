using System.Globalization;
using System.Text;

namespace VolunteerBot.Dialogs.Domain.Hours;

/// <summary>Who acts on a record, as the audit trail names them.</summary>
public sealed record Actor(string AadObjectId, string Name);

/// <summary>
/// Record transitions as pure functions: log (pending), confirm (with hours, quality and points), reject (with a
/// reason). Each returns the record afterwards with its audit entry, or null when nothing would change (a
/// replayed or double-tapped submit), so storage writes nothing twice.
/// </summary>
public static class RecordRules
{
    /// <summary>A volunteer logs (or re-logs, while still pending or rejected) their own record.</summary>
    public static RecordChange? Log(ServiceRecord? before, ServiceRecord draft, DateTimeOffset at)
    {
        if (before is { Status: RecordStatus.Confirmed })
        {
            return null;
        }

        if (before is not null && before.Status == RecordStatus.Pending && before.Hours == draft.Hours && before.Content == draft.Content)
        {
            return null;
        }

        var after = draft with
        {
            Status = RecordStatus.Pending,
            Source = before?.Source ?? RecordSource.Volunteer,
            LoggedAt = before?.LoggedAt ?? at,
            Points = 0,
            Quality = null,
            DecidedAt = null,
            DecidedByAadObjectId = null,
            DecidedByName = null,
            RejectReason = null,
            Revision = (before?.Revision ?? 0) + 1,
            UpdatedAt = at,
        };
        var action = before is null ? AuditAction.Logged : AuditAction.Corrected;
        return new RecordChange(after, Audit(before, after, action, new Actor(draft.LoggedByAadObjectId, draft.VolunteerName), at, null));
    }

    /// <summary>Confirms with the given hours and quality; a confirmed record with other values is corrected (audited).</summary>
    public static RecordChange? Confirm(ServiceRecord before, decimal hours, ServiceQuality quality, PointsRules rules, Actor by, DateTimeOffset at)
    {
        if (before.Status == RecordStatus.Confirmed && before.Hours == hours && before.Quality == quality)
        {
            return null;
        }

        var after = before with
        {
            Hours = hours,
            Quality = quality,
            Status = RecordStatus.Confirmed,
            Points = rules.Compute(hours, quality),
            DecidedByAadObjectId = by.AadObjectId,
            DecidedByName = by.Name,
            DecidedAt = at,
            RejectReason = null,
            Revision = before.Revision + 1,
            UpdatedAt = at,
        };
        var action = before.Status == RecordStatus.Confirmed ? AuditAction.Corrected : AuditAction.Confirmed;
        return new RecordChange(after, Audit(before, after, action, by, at, null));
    }

    /// <summary>Rejects with a reason (absent, or not as logged); the record stays, with zero points.</summary>
    public static RecordChange? Reject(ServiceRecord before, string reason, Actor by, DateTimeOffset at)
    {
        if (before.Status == RecordStatus.Rejected && before.RejectReason == reason)
        {
            return null;
        }

        var after = before with
        {
            Status = RecordStatus.Rejected,
            Points = 0,
            Quality = null,
            RejectReason = reason,
            DecidedByAadObjectId = by.AadObjectId,
            DecidedByName = by.Name,
            DecidedAt = at,
            Revision = before.Revision + 1,
            UpdatedAt = at,
        };
        return new RecordChange(after, Audit(before, after, AuditAction.Rejected, by, at, reason));
    }

    /// <summary>
    /// 谁记录谁证明: the committee, a liaison of the division the record belongs to, or a liaison of a division
    /// organising the project may decide on it — never the volunteer themself.
    /// </summary>
    public static bool MayDecide(ServiceRecord record, string actorAadObjectId, bool isCommittee, IReadOnlySet<string> liaisonOf)
    {
        if (string.Equals(record.VolunteerAadObjectId, actorAadObjectId, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return isCommittee || liaisonOf.Contains(record.DivisionId) || record.OrganiserDivisionIds.Any(liaisonOf.Contains);
    }

    /// <summary>What changed between two revisions, field by field.</summary>
    public static string Describe(ServiceRecord? before, ServiceRecord after)
    {
        var parts = new StringBuilder();
        void Field(string name, string? a, string? b)
        {
            if (a != b)
            {
                parts.Append(parts.Length == 0 ? "" : "; ").Append(name).Append(": ").Append(a ?? "—").Append(" → ").Append(b ?? "—");
            }
        }

        Field("Status", before?.Status.ToString(), after.Status.ToString());
        Field("Hours", before is null ? null : HoursRules.Format(before.Hours), HoursRules.Format(after.Hours));
        Field("Quality", before?.Quality?.ToString(), after.Quality?.ToString());
        Field("Points", before?.Points.ToString(CultureInfo.InvariantCulture), after.Points.ToString(CultureInfo.InvariantCulture));
        Field("Content", before?.Content, after.Content);
        return parts.ToString();
    }

    private static AuditEntry Audit(ServiceRecord? before, ServiceRecord after, AuditAction action, Actor by, DateTimeOffset at, string? reason) =>
        new(after.Id, after.Revision, action, by.AadObjectId, by.Name, at, Describe(before, after), reason);
}

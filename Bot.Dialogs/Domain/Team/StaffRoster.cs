namespace VolunteerBot.Dialogs.Domain.Team;

/// <summary>
/// What one team's import does to the staff list (pure; the stores apply it). Everyone read is active and keeps their
/// Teams id, tenant and team. Someone this team used to list and no longer does leaves the team; when no team lists
/// them any more they have left (<see cref="StaffRecord.LeftAt"/>). An empty read changes nobody's membership: a
/// team always has at least the person importing, so an empty list means the read failed, not that everyone left.
/// </summary>
public static class StaffRoster
{
    public static (IReadOnlyList<StaffRecord> Changed, StaffImportResult Result) Import(
        IReadOnlyCollection<StaffRecord> existing, string teamId, IReadOnlyList<StaffMember> members, DateTimeOffset at)
    {
        var byId = existing.ToDictionary(s => s.AadObjectId, StringComparer.OrdinalIgnoreCase);
        var read = members.DistinctBy(m => m.AadObjectId, StringComparer.OrdinalIgnoreCase).ToList();
        var seen = read.Select(m => m.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var changed = new List<StaffRecord>();
        var added = 0;
        foreach (var m in read)
        {
            byId.TryGetValue(m.AadObjectId, out var before);
            added += before is null ? 1 : 0;
            changed.Add(new StaffRecord
            {
                AadObjectId = m.AadObjectId,
                Name = m.Name,
                Email = m.Email ?? before?.Email,
                TeamIds = before is null ? [teamId] : before.TeamIds.Contains(teamId) ? before.TeamIds : [.. before.TeamIds, teamId],
                FirstImportedAt = before?.FirstImportedAt ?? at,
                LastImportedAt = at,
                LastInvitedAt = before?.LastInvitedAt,
                TeamsUserId = m.TeamsUserId ?? before?.TeamsUserId,
                TenantId = m.TenantId ?? before?.TenantId,
                TeamId = m.TeamsUserId is not null ? teamId : before?.TeamId ?? teamId,
                LeftAt = null,
                UnreachableReason = before?.UnreachableReason,
                UnreachableAt = before?.UnreachableAt,
            });
        }

        var left = 0;
        if (read.Count > 0)
        {
            foreach (var gone in existing.Where(s => s.TeamIds.Contains(teamId) && !seen.Contains(s.AadObjectId)))
            {
                var teams = gone.TeamIds.Where(t => t != teamId).ToList();
                var leaving = teams.Count == 0 && gone.LeftAt is null;
                left += leaving ? 1 : 0;
                changed.Add(gone with { TeamIds = teams, LeftAt = teams.Count == 0 ? gone.LeftAt ?? at : gone.LeftAt });
            }
        }

        var after = existing.ToDictionary(s => s.AadObjectId, StringComparer.OrdinalIgnoreCase);
        foreach (var c in changed)
        {
            after[c.AadObjectId] = c;
        }

        return (changed, new StaffImportResult(read.Count, added, after.Values.Count(s => s.IsActive), left));
    }
}

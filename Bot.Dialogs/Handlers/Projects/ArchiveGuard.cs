using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// Keeps "archived" and "self-logged hours pending" apart under concurrency. Archiving checks pending hours, then
/// writes the status; logging reads the project, then writes the record — so either could miss the other. Both sides
/// therefore look again after their own write: the archive re-counts the pending records (and takes its archive back
/// when there are any), the log re-reads the project (and reopens it when it was archived meanwhile). Table storage
/// is strongly consistent, so of the two writes the later one's re-check sees the earlier: an archived project never
/// keeps a pending record. Both may act (each saw the other): the project is then simply not archived.
/// </summary>
public static class ArchiveGuard
{
    /// <summary>Self-logged records of the project still pending, dated within its days (one or two month partitions).</summary>
    public static async Task<int> PendingAsync(IServiceRecordStore records, Project p, TimeZoneInfo zone, CancellationToken ct)
    {
        var from = ProjectCalendar.LocalDate(p.Start, zone);
        var to = ProjectCalendar.LocalDate(p.End, zone);
        return (await records.ListPendingAsync(null, from, to, ct).ConfigureAwait(false)).Count(r => r.ProjectId == p.Id);
    }

    /// <summary>Not archived any more: completed, the only status it can be archived from. Same instance when not archived.</summary>
    public static Project Reopen(Project p, DateTimeOffset at) => p.Status != ProjectStatus.Archived
        ? p
        : p with { Status = ProjectStatus.Completed, ArchivedAt = null, ArchivedByAadObjectId = null, ArchivedByName = null, UpdatedAt = at };

    /// <summary>
    /// After a record was logged: when the project is archived by now and has pending records, reopens it. Returns the
    /// project as it was archived (to tell whoever archived it) with the pending count, or null when nothing changed.
    /// </summary>
    public static async Task<Reopened?> ReopenIfPendingAsync(IProjectStore projects, IServiceRecordStore records, string projectId, TimeZoneInfo zone,
        DateTimeOffset now, CancellationToken ct)
    {
        var p = await projects.GetAsync(projectId, ct).ConfigureAwait(false);
        if (p is not { Status: ProjectStatus.Archived })
        {
            return null;
        }

        var pending = await PendingAsync(records, p, zone, ct).ConfigureAwait(false);
        if (pending == 0)
        {
            return null;
        }

        // Only the archive that was counted against: a re-archive landing meanwhile is judged by its own re-check.
        var update = await projects.UpdateAsync(projectId, x => x.ArchivedAt == p.ArchivedAt ? Reopen(x, now) : x, ct).ConfigureAwait(false);
        return update.Changed ? new Reopened(update.Before!, pending) : null;
    }
}

/// <summary>An archive taken back: the project as it was archived, and the pending records that made it go back.</summary>
public sealed record Reopened(Project Archived, int Pending);

using Microsoft.Extensions.Options;
using VolunteerBot.Hosting;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Reminders;
using Quarter = VolunteerBot.Dialogs.Domain.Reminders.Quarter;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Storage.Reminders;

namespace VolunteerBot.Jobs;

/// <summary>What one sweep did: projects opened here (left approved) and announcements started here.</summary>
public sealed record AnnouncementSweepResult(int Opened, int Started);

/// <summary>
/// Finishes an approval that stopped half-way. The review turn writes the project's status first (approved, then open)
/// and claims its announcement run (<c>announce-{id}</c>) after; when storage fails or the process dies between the
/// writes, nobody would ever announce it. This sweep reads the approved and open projects that still take sign-ups
/// (the same two year partitions as the project lists), opens an approved one, and starts the announcement of an open
/// one whose run is absent from the run table partition of the quarter it opened in. Starting is idempotent: the run is
/// an insert-if-absent claim keyed by the project, so a sweep racing the turn (or another instance) announces once.
/// </summary>
public sealed partial class AnnouncementSweep(
    ProjectContext projects,
    ProjectAnnouncer announcer,
    ReminderRunStore runs,
    IBroadcastDispatcher broadcasts,
    IProactiveDispatcher notices,
    IOptions<AnnouncementSweepOptions> options,
    IOptions<VolunteeringOptions> volunteering,
    ILogger<AnnouncementSweep> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _toldTooOld = new(StringComparer.Ordinal);

    public async Task<AnnouncementSweepResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = projects.Now;
        var settled = now - options.Value.Grace;
        var candidates = await projects.Projects.ListByStatusAsync([ProjectStatus.Approved, ProjectStatus.Open], cancellationToken).ConfigureAwait(false);
        var claimed = new Dictionary<Quarter, HashSet<string>>();
        int opened = 0, started = 0;
        var oldest = Quarter.Of(now, volunteering.Value.Zone).Previous;
        foreach (var p in candidates.Where(p => p.Start > now))
        {
            try
            {
                var (o, s) = await SweepAsync(p, settled, oldest, claimed, cancellationToken).ConfigureAwait(false);
                opened += o;
                started += s;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogProjectFailed(ex, p.Id); // the other projects still get their turn; this one is tried again next pass
            }
        }

        return new AnnouncementSweepResult(opened, started);
    }

    private async Task<(int Opened, int Started)> SweepAsync(Project p, DateTimeOffset settled, Quarter oldest,
        Dictionary<Quarter, HashSet<string>> claimed, CancellationToken cancellationToken)
    {
        if (p.Status == ProjectStatus.Approved && (p.DecidedAt ?? p.UpdatedAt) <= settled)
        {
            // Approved but never opened: open it now, which announces it exactly as the review turn would have, and
            // send the liaisons the approval notice that turn never got to (whichever of the two opens it tells them).
            var result = new TurnResult();
            var opened = await ProjectReviewHandler.OpenAndAnnounceAsync(projects, announcer, p, result, cancellationToken).ConfigureAwait(false);
            if (result.Broadcasts.Count == 0)
            {
                return (0, 0);
            }

            var text = ProjectNotices.DefaultLocalizer(projects).Format("projects.notice.approved", opened.Title, opened.DecidedByName ?? "");
            await ProjectNotices.NotifyLiaisonsAsync(projects, opened, opened.DecidedByAadObjectId ?? "", text, $"project.approved:{opened.Id}", result, cancellationToken)
                .ConfigureAwait(false);
            await notices.EnqueueAsync(result.Notifications, [], cancellationToken).ConfigureAwait(false);
            return (1, await StartAllAsync(p, result.Broadcasts, cancellationToken).ConfigureAwait(false));
        }

        if (p.Status != ProjectStatus.Open || p.AnnouncedAt is not { } openedAt || openedAt > settled)
        {
            return (0, 0);
        }

        var quarter = Quarter.Of(openedAt, volunteering.Value.Zone);
        if (!claimed.TryGetValue(quarter, out var keys))
        {
            keys = (await runs.ListAsync(quarter, cancellationToken).ConfigureAwait(false)).Select(r => r.KindKey).ToHashSet(StringComparer.Ordinal);
            claimed[quarter] = keys;
        }

        if (keys.Contains(Announcement.KeyOf(p.Id)))
        {
            return (0, 0); // announced (projects may be filed up to a year ahead, so old quarters are normal here)
        }

        if (quarter.CompareTo(oldest) < 0)
        {
            // Its run would live in a quarter that neither the resume of stalled runs nor 提醒进度 reads. Said once per process.
            if (_toldTooOld.TryAdd(p.Id, 0))
            {
                LogTooOld(p.Id, quarter.ToString());
            }

            return (0, 0);
        }

        var announcement = await announcer.BuildAsync(p, cancellationToken).ConfigureAwait(false);
        var pending = new TurnResult();
        announcement.AddTo(pending);
        return (0, await StartAllAsync(p, pending.Broadcasts, cancellationToken).ConfigureAwait(false));
    }

    private async Task<int> StartAllAsync(Project p, IReadOnlyList<Broadcast> list, CancellationToken ct)
    {
        foreach (var broadcast in list)
        {
            LogStarting(p.Id, broadcast.Key);
            await broadcasts.StartAsync(broadcast, p.DecidedByAadObjectId, ct).ConfigureAwait(false);
        }

        return list.Count;
    }

    [LoggerMessage(EventId = 6043, Level = LogLevel.Warning, Message = "Announcement sweep failed for project {ProjectId}; it is tried again at the next pass")]
    private partial void LogProjectFailed(Exception ex, string projectId);

    [LoggerMessage(EventId = 6044, Level = LogLevel.Error, Message = "Project {ProjectId} was opened in {Quarter} and never announced; too old to start its run now, announce it by hand")]
    private partial void LogTooOld(string projectId, string quarter);

    [LoggerMessage(EventId = 6040, Level = LogLevel.Warning, Message = "Project {ProjectId} was opened without its announcement run; starting {Key} now")]
    private partial void LogStarting(string projectId, string key);
}

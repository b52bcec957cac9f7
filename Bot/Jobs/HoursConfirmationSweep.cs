using Microsoft.Extensions.Options;
using VolunteerBot.Hosting;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Handlers.Hours;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Handlers.Team;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Jobs;

/// <summary>What one sweep did.</summary>
public sealed record SweepResult(int Activities, int CardsSent, int Nudges, int Reopened = 0);

/// <summary>
/// After an activity ends, sends its liaisons the confirmation card once (an insert-if-absent claim per activity, so
/// several instances or restarts never send it twice), and on working day 8 of the 10 allowed nudges them once, unless
/// the activity was confirmed meanwhile. A claim is taken before sending: at most once; the 待确认时长 list is the
/// fallback when a delivery fails.
/// </summary>
public sealed partial class HoursConfirmationSweep(
    HoursContext context,
    ActivityConfirmationFlow flow,
    IDivisionStore divisions,
    IServiceRecordConfirmationStore confirmations,
    IServiceRecordStore records,
    LanguageResolver languages,
    IProactiveDispatcher dispatcher,
    CommitteeDirectory committee,
    ILogger<HoursConfirmationSweep> logger)
{
    public async Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = context.Now;
        var today = context.Today;
        var reopened = await ReopenArchivedWithPendingAsync(now, cancellationToken).ConfigureAwait(false);
        var ended = (await context.Projects.ListByStatusAsync([ProjectStatus.Approved, ProjectStatus.Open, ProjectStatus.InProgress, ProjectStatus.Completed], cancellationToken).ConfigureAwait(false))
            .Where(p => p.StatusAt(now) == ProjectStatus.Completed && p.End >= now.AddDays(-HoursContext.LookbackDays))
            .ToList();
        if (ended.Count == 0)
        {
            return new SweepResult(0, 0, 0, reopened);
        }

        var allDivisions = await divisions.ListAsync(includeArchived: true, cancellationToken).ConfigureAwait(false);
        var committeeIds = await committee.AllIdsAsync(cancellationToken).ConfigureAwait(false);
        var notifications = new List<Notification>();
        int cards = 0, nudges = 0;
        foreach (var p in ended)
        {
            var state = await confirmations.GetAsync(p.Id, cancellationToken).ConfigureAwait(false);
            if (state.ConfirmedAt is not null || (state.CardSentAt is not null && state.NudgedAt is not null))
            {
                continue;
            }

            if ((await flow.SeatsAsync(p, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                continue;
            }

            var recipients = ActivityConfirmationFlow.Recipients(p, allDivisions, committeeIds);
            if (state.CardSentAt is null && await confirmations.TryClaimCardAsync(p.Id, now, cancellationToken).ConfigureAwait(false))
            {
                foreach (var r in recipients)
                {
                    var L = Localizer.For(await languages.ResolveAsync(r, cancellationToken).ConfigureAwait(false));
                    var card = await flow.CardAsync(L, p, r, null, null, null, cancellationToken).ConfigureAwait(false);
                    notifications.Add(Notification.Fixed(r, OutgoingMessage.Of(card), $"hours-card-{p.Id}-{r}"));
                }

                cards++;
                LogCardSent(p.Id, recipients.Count);
            }

            var end = context.LocalDate(p.End);
            if (state.NudgedAt is null && context.Calendar.Between(end, today) >= ConfirmationWindow.NudgeOn
                && await confirmations.TryClaimNudgeAsync(p.Id, now, cancellationToken).ConfigureAwait(false))
            {
                foreach (var r in recipients)
                {
                    var project = p;
                    notifications.Add(new Notification(r, L => OutgoingMessage.Of(HoursAdminCards.Nudge(L, project.Id, project.Title, end, context.ConfirmationDeadline(end))),
                        $"hours-nudge-{p.Id}-{r}"));
                }

                nudges++;
                LogNudged(p.Id, recipients.Count);
            }
        }

        if (notifications.Count > 0)
        {
            await dispatcher.EnqueueAsync(notifications, [], cancellationToken).ConfigureAwait(false);
        }

        return new SweepResult(ended.Count, cards, nudges, reopened);
    }

    /// <summary>
    /// The backstop of <see cref="ArchiveGuard"/>: a project archived in the last two days that has pending hours goes
    /// back to 待归档, and whoever archived it is told. The turns re-check after their own writes; this catches the case
    /// where such a re-check failed (storage error, crash) and a retry no longer reaches it.
    /// </summary>
    private async Task<int> ReopenArchivedWithPendingAsync(DateTimeOffset now, CancellationToken ct)
    {
        IEnumerable<Project> recent;
        try
        {
            recent = (await context.Projects.ListByStatusAsync([ProjectStatus.Archived], ct).ConfigureAwait(false))
                .Where(p => p.ArchivedAt >= now.AddDays(-2));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogReopenFailed(ex, "(list)");
            return 0;
        }

        var count = 0;
        foreach (var p in recent)
        {
            try
            {
                count += await ReopenIfPendingAsync(p, now, ct).ConfigureAwait(false) ? 1 : 0;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                LogReopenFailed(ex, p.Id); // the cards and nudges of this pass still go; this project is looked at again next pass
            }
        }

        return count;
    }

    private async Task<bool> ReopenIfPendingAsync(Project p, DateTimeOffset now, CancellationToken ct)
    {
        if (await ArchiveGuard.ReopenIfPendingAsync(context.Projects, records, p.Id, context.Zone, now, ct).ConfigureAwait(false) is not { } reopened)
        {
            return false;
        }

        LogReopened(p.Id);
        var before = reopened.Archived;
        if (before.ArchivedByAadObjectId is { } archiver)
        {
            var notice = new Notification(archiver, L => OutgoingMessage.Of(L.Format("projects.archive.reopenedPending", before.Title, reopened.Pending)),
                $"project.archive.reopened:{before.Id}:{before.ArchivedAt?.UtcTicks}");
            await dispatcher.EnqueueAsync([notice], [], ct).ConfigureAwait(false);
        }

        return true;
    }

    [LoggerMessage(EventId = 5107, Level = LogLevel.Warning, Message = "Checking archived project {ProjectId} for pending hours failed; it is checked again at the next pass")]
    private partial void LogReopenFailed(Exception ex, string projectId);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Warning, Message = "Archived project {ProjectId} had pending hours; it is back among the projects to archive")]
    private partial void LogReopened(string projectId);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Hours confirmation card for {ProjectId} sent to {Count} recipients")]
    private partial void LogCardSent(string projectId, int count);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Information, Message = "Hours confirmation nudge (working day 8) for {ProjectId} sent to {Count} recipients")]
    private partial void LogNudged(string projectId, int count);
}

using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Delivery;
using VolunteerBot.Storage.Reminders;

namespace VolunteerBot.Reminders;

/// <summary>
/// Claims runs (exactly once across instances) and fans them out; resumes fan-outs whose instance died. A
/// reminder run's plan comes from the planner; an announcement's from the plan stored with its broadcast.
/// </summary>
public sealed partial class ReminderRunner(
    ReminderRunStore runs,
    ReminderFanOut fanOut,
    IReminderPlanner planner,
    BroadcastPlanStore broadcasts,
    Dialogs.Handlers.Core.LanguageResolver languages,
    SenderIdentity identity,
    IOptions<VolunteeringOptions> volunteering,
    TimeProvider time,
    ILogger<ReminderRunner> logger)
{
    /// <summary>A pending fan-out whose heartbeat is older than this is taken over.</summary>
    public static readonly TimeSpan FanOutStale = TimeSpan.FromMinutes(2);

    /// <summary>Claims the run (insert-if-absent); null when it was already claimed.</summary>
    public Task<ReminderRunRecord?> TryClaimAsync(Quarter quarter, ReminderKind kind, string kindKey, string trigger, string? requestedBy, CancellationToken cancellationToken) =>
        TryClaimAsync(quarter, kind, kindKey, trigger, requestedBy, null, cancellationToken);

    /// <summary>Claims the run (insert-if-absent) with a label shown in 提醒进度; null when it was already claimed.</summary>
    public async Task<ReminderRunRecord?> TryClaimAsync(Quarter quarter, ReminderKind kind, string kindKey, string trigger, string? requestedBy, string? label, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = await runs.TryClaimAsync(new ReminderRunRecord
        {
            Quarter = quarter, KindKey = kindKey, Kind = kind, Trigger = trigger, RequestedBy = requestedBy, Label = label,
            ClaimedAt = now, ClaimedBy = identity.Id, FanOutHeartbeat = now,
        }, cancellationToken).ConfigureAwait(false);
        if (claimed is not null)
        {
            LogClaimed(claimed.RunId, trigger, identity.Id);
        }

        return claimed;
    }

    public async Task<ReminderRunRecord?> ExecuteAsync(ReminderRunRecord run, CancellationToken cancellationToken)
    {
        // Planning reads every profile: the senders get the lane down first (a resumed fan-out after a crash).
        if (await fanOut.WaitBeforePlanningAsync(run, cancellationToken).ConfigureAwait(false) is not { } ready)
        {
            return null;
        }

        run = ready;
        IReminderPlan plan;
        if (run.Kind == ReminderKind.Announcement)
        {
            // A broadcast's recipients and message were stored before its run was claimed.
            var broadcast = await broadcasts.LoadAsync(run.RunId, cancellationToken).ConfigureAwait(false);
            if (broadcast is null)
            {
                LogNoPlan(run.RunId);
            }

            plan = new BroadcastPlan(broadcast ?? new Dialogs.Conversation.Broadcast(run.KindKey, run.Label ?? "", [], Dialogs.Conversation.OutgoingMessage.Of("")), languages);
        }
        else
        {
            plan = await planner.PlanAsync(new ReminderRunContext(run.RunId, run.Quarter, run.Kind, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        return await fanOut.RunAsync(run, plan, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes over and finishes the fan-outs of this quarter (and the last) that stopped with their instance.</summary>
    public async Task<int> ResumeStaleAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var quarter = Quarter.Of(now, volunteering.Value.Zone);
        var resumed = 0;
        foreach (var q in new[] { quarter.Previous, quarter })
        {
            foreach (var run in await runs.ListAsync(q, cancellationToken).ConfigureAwait(false))
            {
                // A fan-out whose instance was restarted after a crash (same instance id, another process) is taken over
                // at once; any other only when its heartbeat is stale.
                if (run.FanOutDone || (now - run.FanOutHeartbeat < FanOutStale && !identity.IsDeadPredecessor(run.ClaimedBy)))
                {
                    continue;
                }

                var mine = await runs.TryUpdateAsync(run with { ClaimedBy = identity.Id, FanOutHeartbeat = now }, cancellationToken).ConfigureAwait(false);
                if (mine is null)
                {
                    continue;
                }

                LogResumed(run.RunId, run.Checkpoint);
                await ExecuteAsync(mine, cancellationToken).ConfigureAwait(false);
                resumed++;
            }
        }

        return resumed;
    }

    [LoggerMessage(EventId = 6010, Level = LogLevel.Information, Message = "Reminder run {RunId} claimed ({Trigger}) by {Instance}")]
    private partial void LogClaimed(string runId, string trigger, string instance);

    [LoggerMessage(EventId = 6012, Level = LogLevel.Error, Message = "Broadcast run {RunId} has no stored plan; it is closed with no recipients")]
    private partial void LogNoPlan(string runId);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "Reminder run {RunId}: resuming a stopped fan-out after {Checkpoint}")]
    private partial void LogResumed(string runId, string checkpoint);
}

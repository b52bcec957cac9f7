using System.Globalization;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Delivery;
using VolunteerBot.Storage.Reminders;
using VolunteerBot.Delivery;

namespace VolunteerBot.Reminders;

/// <summary><see cref="IReminderRuns"/> on the run and delivery tables and the reminder queue.</summary>
public sealed class ReminderRunsService(
    IDeliveryQueue queue,
    ReminderRunStore runs,
    ReminderDeliveryStore deliveries,
    ReminderRunner runner,
    ManualRunQueue manualRuns,
    IOptions<VolunteeringOptions> volunteering,
    TimeProvider time) : IReminderRuns
{
    public async Task<ReminderRunSummary?> GetAsync(string? runId, CancellationToken cancellationToken)
    {
        var run = runId is not null ? await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false) : await LatestAsync(cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            return null;
        }

        var counts = await deliveries.CountAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        var why = counts[DeliveryStatus.Unreachable] == 0
            ? []
            : (await deliveries.ListAsync(run.RunId, DeliveryStatus.Unreachable, cancellationToken).ConfigureAwait(false))
                .GroupBy(r => ProactiveMessenger.Classify(r.Reason)).ToDictionary(g => g.Key, g => g.Count());
        return new ReminderRunSummary
        {
            RunId = run.RunId,
            QuarterId = run.Quarter.Id,
            Kind = run.Kind,
            Trigger = run.Trigger,
            CreatedAt = run.ClaimedAt,
            RequestedBy = run.RequestedBy,
            Label = run.Label,
            FanOutDone = run.FanOutDone,
            Recipients = counts.Values.Sum(),
            Queued = counts[DeliveryStatus.Queued],
            Sending = counts[DeliveryStatus.Sending],
            Sent = counts[DeliveryStatus.Sent],
            Failed = counts[DeliveryStatus.Failed],
            Unreachable = counts[DeliveryStatus.Unreachable],
            NotInstalled = why.GetValueOrDefault(UnreachableKind.NotInstalled),
            NotInTeam = why.GetValueOrDefault(UnreachableKind.NotInTeam),
            Left = why.GetValueOrDefault(UnreachableKind.Left),
        };
    }

    public async Task<ReminderRunStart> StartNowAsync(string requestedBy, CancellationToken cancellationToken)
    {
        var local = TimeZoneInfo.ConvertTime(time.GetUtcNow(), volunteering.Value.Zone);
        var quarter = Quarter.Of(DateOnly.FromDateTime(local.DateTime));

        // One manual run per minute: a double tap joins the run the first tap started.
        var kindKey = "manual-" + local.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        var claimed = await runner.TryClaimAsync(quarter, ReminderKind.Manual, kindKey, "manual", requestedBy, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            return new ReminderRunStart(ReminderRunIds.Of(quarter, kindKey), false);
        }

        manualRuns.Enqueue(claimed);
        return new ReminderRunStart(claimed.RunId, true);
    }

    public async Task<int> ResendFailedAsync(string runId, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var row in await deliveries.ListAsync(runId, DeliveryStatus.Failed, cancellationToken).ConfigureAwait(false))
        {
            // ETag-guarded: two committee members pressing 重发失败 together re-queue each recipient once.
            var queued = await deliveries.TryWriteAsync(row with
            {
                Status = DeliveryStatus.Queued, Attempts = 0, Reason = null, UpdatedAt = time.GetUtcNow(),
            }, cancellationToken).ConfigureAwait(false);
            if (queued is null)
            {
                continue;
            }

            await queue.SendAsync(DeliveryLane.Bulk, new QueueTicket(runId, row.RecipientId, queued.ETag, queued.Message).ToBody(), cancellationToken).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    private async Task<ReminderRunRecord?> LatestAsync(CancellationToken cancellationToken)
    {
        var quarter = Quarter.Of(time.GetUtcNow(), volunteering.Value.Zone);
        foreach (var q in new[] { quarter, quarter.Previous })
        {
            var latest = (await runs.ListAsync(q, cancellationToken).ConfigureAwait(false)).MaxBy(r => r.ClaimedAt);
            if (latest is not null)
            {
                return latest;
            }
        }

        return null;
    }
}

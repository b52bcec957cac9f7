using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Storage.Reminders;

namespace VolunteerBot.Reminders;

/// <summary>
/// The quarterly cycle. Runs in every instance; each step claims the due run in storage (insert-if-absent on
/// ReminderRuns), so whichever instance gets there first makes it and the others skip it. On start, and after
/// every wake-up, the most recent due run of the quarter that has no claim yet is made if it is not older than
/// Reminders:CatchUpWindow: that is how a run missed during downtime happens once when the service comes back.
/// Waits go through <see cref="TimeProvider"/>, so tests drive the clock.
/// </summary>
public sealed partial class ReminderScheduler(
    ReminderRunner runner,
    ManualRunQueue manualRuns,
    IOptions<ReminderOptions> options,
    IOptions<VolunteeringOptions> volunteering,
    TimeProvider time,
    ILogger<ReminderScheduler> logger) : BackgroundService
{
    /// <summary>Longest single sleep: the loop also looks for stopped fan-outs to resume.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(5);

    private TaskCompletionSource<DateTimeOffset> _sleeping = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReminderSchedule Schedule { get; } = new(options.Value, volunteering.Value.Zone);

    /// <summary>Completes when the loop next goes to sleep, with the instant it will wake (tests advance the clock then).</summary>
    public Task<DateTimeOffset> Sleeping => Volatile.Read(ref _sleeping).Task;

    /// <summary>
    /// One scheduling step: make the due run if unclaimed, resume stopped fan-outs. Returns the run made here,
    /// or null (nothing due, or another instance claimed it first).
    /// </summary>
    public async Task<ReminderRunRecord?> TickAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        ReminderRunRecord? made = null;
        if (options.Value.Enabled && Schedule.DueForCatchUp(now) is { } due)
        {
            var trigger = now - due.DueAt > TimeSpan.FromMinutes(5) ? "catch-up" : "schedule";
            var claimed = await runner.TryClaimAsync(due.Quarter, due.Kind, due.Kind.Slug(), trigger, null, cancellationToken).ConfigureAwait(false);
            if (claimed is not null)
            {
                made = await runner.ExecuteAsync(claimed, cancellationToken).ConfigureAwait(false) ?? claimed;
            }
        }

        await runner.ResumeStaleAsync(cancellationToken).ConfigureAwait(false);
        return made;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var manual = RunManualAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TickAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogTickFailed(ex);
            }

            var now = time.GetUtcNow();
            var next = Schedule.NextAfter(now);
            var wait = next is null ? MaxSleep : next.DueAt - now;
            if (wait > MaxSleep)
            {
                wait = MaxSleep;
            }

            var sleeping = Interlocked.Exchange(ref _sleeping, new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously));
            sleeping.TrySetResult(now + wait);
            try
            {
                await Task.Delay(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await manual.ConfigureAwait(false);
    }

    private async Task RunManualAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var run in manualRuns.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await runner.ExecuteAsync(run, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The run row stays pending; ResumeStaleAsync finishes it later.
                    LogTickFailed(ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(EventId = 6020, Level = LogLevel.Error, Message = "Reminder scheduling step failed; it is retried on the next wake-up")]
    private partial void LogTickFailed(Exception ex);
}

/// <summary>Runs the committee started with 立即提醒, fanned out in the background (not in the user's turn).</summary>
public sealed class ManualRunQueue
{
    private readonly Channel<ReminderRunRecord> _channel = System.Threading.Channels.Channel.CreateUnbounded<ReminderRunRecord>();

    public ChannelReader<ReminderRunRecord> Reader => _channel.Reader;

    public void Enqueue(ReminderRunRecord run) => _channel.Writer.TryWrite(run);
}

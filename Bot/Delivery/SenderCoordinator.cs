using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VolunteerBot.Delivery.RateLimiting;
using VolunteerBot.Storage.Delivery;

namespace VolunteerBot.Delivery;

/// <summary>
/// Keeps this instance's <see cref="DeliveryThrottle"/> in step with the others: writes a heartbeat, counts the
/// live senders (the app budget is split between them), and copies the shared 429 pause from storage.
/// A 429 seen here is published with <see cref="ReportThrottledAsync"/>.
/// </summary>
public sealed partial class SenderCoordinator(
    SenderRegistry registry,
    DeliveryThrottle throttle,
    SenderIdentity identity,
    IOptions<ReminderSendingOptions> options,
    TimeProvider time,
    ILogger<SenderCoordinator> logger) : BackgroundService
{
    public async Task ReportThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + retryAfter;
        throttle.PauseUntil(until);
        LogThrottled(retryAfter.TotalMilliseconds);
        try
        {
            await registry.ExtendPauseAsync(until, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException || Storage.StorageFaults.IsFault(ex))
        {
            LogSyncFailed(ex);
        }
    }

    /// <summary>One coordination step (public for tests): heartbeat and recount when due, then the shared pause.</summary>
    public async Task SyncAsync(bool heartbeat, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (heartbeat)
        {
            await registry.HeartbeatAsync(identity.Id, now, cancellationToken).ConfigureAwait(false);
            var live = await registry.CountLiveAsync(now - options.Value.InstanceTimeToLive, cancellationToken).ConfigureAwait(false);
            if (live != throttle.Instances)
            {
                LogInstances(live);
            }

            throttle.SetInstances(live);
        }

        var pause = await registry.GetPauseAsync(cancellationToken).ConfigureAwait(false);
        if (pause > now)
        {
            throttle.PauseUntil(pause);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var lastHeartbeat = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var due = time.GetUtcNow() - lastHeartbeat >= o.HeartbeatInterval;
                await SyncAsync(due, stoppingToken).ConfigureAwait(false);
                if (due)
                {
                    lastHeartbeat = time.GetUtcNow();
                }
            }
            catch (Exception ex) when (ex is Azure.RequestFailedException || Storage.StorageFaults.IsFault(ex))
            {
                // Storage unreachable (Azure.Core gives up with an AggregateException): keep the last budget, try again.
                LogSyncFailed(ex);
            }

            try
            {
                await Task.Delay(o.PausePoll, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Leave the pool at once so the others take the whole budget without waiting for the TTL.
            await registry.RemoveAsync(identity.Id, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Storage unreachable at shutdown (Azure.Core gives up with an AggregateException): the entry
            // expires by its TTL instead. Shutdown itself must not fail.
            LogSyncFailed(ex);
        }
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Information, Message = "Reminder senders live: {Count}; this instance takes its share of the app rate")]
    private partial void LogInstances(int count);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Warning, Message = "Teams answered 429: all senders pause for {Milliseconds} ms")]
    private partial void LogThrottled(double milliseconds);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Warning, Message = "Sender coordination with storage failed; keeping the last known budget")]
    private partial void LogSyncFailed(Exception ex);
}

/// <summary>This process's sender id (App Service instance id when there is one).</summary>
public sealed class SenderIdentity
{
    public string Id { get; } =
        (Environment.GetEnvironmentVariable("WEBSITE_INSTANCE_ID") is { Length: > 0 } site ? site[..Math.Min(12, site.Length)] : Environment.MachineName)
        + "-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)
        + "-" + Guid.NewGuid().ToString("N")[..6];
}

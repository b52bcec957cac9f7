using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VolunteerBot.Delivery.RateLimiting;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Delivery;

namespace VolunteerBot.Delivery;

/// <summary>
/// Keeps this instance's <see cref="DeliveryThrottle"/> in step with the others: writes a heartbeat, counts the
/// live senders (the app budget is split between them), and copies the shared 429 pause from storage.
/// A 429 seen here is published with <see cref="ReportThrottledAsync"/>.
/// <para>
/// The registry entry is keyed by the stable <see cref="SenderIdentity.InstanceId"/>: a process restarted after a
/// crash overwrites its predecessor's entry with its first heartbeat (<see cref="JoinAsync"/>), so it takes the whole
/// budget at once instead of sharing it with a dead entry until the TTL, and it learns which incarnation died, whose
/// rows it then takes back (<see cref="ReminderSender"/>).
/// </para>
/// </summary>
public sealed partial class SenderCoordinator(
    SenderRegistry registry,
    DeliveryThrottle throttle,
    SenderIdentity identity,
    IOptions<ReminderSendingOptions> options,
    TimeProvider time,
    ILogger<SenderCoordinator> logger) : BackgroundService
{
    private readonly object _gate = new();
    private Task<string?>? _join;
    private IReadOnlyDictionary<string, string> _incarnations = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// The first heartbeat of this process (once; later calls return the same task): reads the entry this instance
    /// left, replaces it, and returns the dead predecessor's holder ("instance/incarnation") when there was one —
    /// an entry is left only by a process that did not stop cleanly.
    /// </summary>
    public Task<string?> JoinAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_join is null || _join.IsFaulted || _join.IsCanceled)
            {
                _join = JoinCoreAsync(cancellationToken);
            }

            return _join;
        }
    }

    private async Task<string?> JoinCoreAsync(CancellationToken cancellationToken)
    {
        var previous = await registry.GetAsync(identity.InstanceId, cancellationToken).ConfigureAwait(false);
        await SyncAsync(heartbeat: true, cancellationToken).ConfigureAwait(false);
        if (previous is { Incarnation.Length: > 0 } p && p.Incarnation != identity.Incarnation)
        {
            LogSuperseded(identity.InstanceId, p.Incarnation);
            return p.InstanceId + "/" + p.Incarnation;
        }

        return null;
    }

    /// <summary>
    /// Whether the process that holds a row (SendingBy "instance/incarnation") was replaced by a newer process of
    /// the same instance, as of the last heartbeat: it is dead (see <see cref="SenderIdentity"/>), so its row may be
    /// taken over at once rather than after the lease.
    /// </summary>
    public bool IsSuperseded(string? holder)
    {
        if (holder is null || SenderIdentity.IncarnationOf(holder) is not { Length: > 0 } incarnation)
        {
            return false;
        }

        if (SenderIdentity.IsOf(holder, identity.InstanceId))
        {
            return incarnation != identity.Incarnation;
        }

        var known = Volatile.Read(ref _incarnations);
        return known.TryGetValue(SenderIdentity.InstanceOf(holder), out var current) && current != incarnation;
    }

    public async Task ReportThrottledAsync(TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + retryAfter;
        throttle.PauseUntil(until);
        LogThrottled(retryAfter.TotalMilliseconds);
        try
        {
            await registry.ExtendPauseAsync(until, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFaults.IsFault(ex))
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
            await registry.HeartbeatAsync(identity.InstanceId, identity.Incarnation, now, cancellationToken).ConfigureAwait(false);
            var entries = await registry.ListAsync(cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref _incarnations, entries.ToDictionary(e => e.InstanceId, e => e.Incarnation, StringComparer.Ordinal));
            var since = now - options.Value.InstanceTimeToLive;
            var live = entries.Count(e => e.LastSeen >= since || e.InstanceId == identity.InstanceId);
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
                if (lastHeartbeat == DateTimeOffset.MinValue)
                {
                    await JoinAsync(stoppingToken).ConfigureAwait(false);
                    lastHeartbeat = time.GetUtcNow();
                }
                else
                {
                    var due = time.GetUtcNow() - lastHeartbeat >= o.HeartbeatInterval;
                    await SyncAsync(due, stoppingToken).ConfigureAwait(false);
                    if (due)
                    {
                        lastHeartbeat = time.GetUtcNow();
                    }
                }
            }
            catch (Exception ex) when (StorageFaults.IsFault(ex))
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
            await registry.RemoveAsync(identity.InstanceId, cancellationToken).ConfigureAwait(false);
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

    [LoggerMessage(EventId = 6204, Level = LogLevel.Warning, Message = "Sender {InstanceId} restarted: incarnation {Previous} did not stop cleanly; its budget share and its held messages are taken back")]
    private partial void LogSuperseded(string instanceId, string previous);
}

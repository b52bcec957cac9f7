using Azure;
using Microsoft.Extensions.Hosting;

namespace VolunteerBot.Storage;

/// <summary>
/// Creates every table, queue and blob container (idempotent). At start it tries once; when storage cannot be reached
/// the host still starts (so App Service does not restart it in a loop), <c>/healthz</c> reports storage Unhealthy,
/// and creation is retried in the background (5 s, doubling to 1 min) until it succeeds.
/// Readiness is not latched: when storage later answers that a table, queue or container is missing (an emulator or
/// account that came back empty), <see cref="ReportFault"/> marks storage not ready and creation runs again at once,
/// so health and turns recover by themselves.
/// </summary>
public sealed partial class StorageInitializer(StorageAccount account, ILogger<StorageInitializer> logger, TimeProvider? time = null) : IHostedService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(1);
    // Never disposed: it has no timer, and the host may stop this service after the container disposed it.
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Task? _retrying;
    private volatile bool _ready;

    /// <summary>True once every table, queue and container exists (and none was reported missing since).</summary>
    public bool IsReady => _ready;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFaults.IsFault(ex))
        {
            LogUnavailable(ex, FirstRetry);
            StartRetry(FirstRetry);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        Task? retrying;
        lock (_gate)
        {
            retrying = _retrying;
        }

        if (retrying is not null)
        {
            await retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Creates everything; throws when storage cannot be reached.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var tables = StorageNames.Tables.Select(t => account.Table(t).CreateIfNotExistsAsync(cancellationToken));
        var queues = StorageNames.Queues.Select(q => account.Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        var containers = StorageNames.Containers.Select(c => account.Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        await Task.WhenAll(tables.Cast<Task>().Concat(queues).Concat(containers)).ConfigureAwait(false);
        _ready = true;
        LogReady(StorageNames.Tables.Length, StorageNames.Queues.Length, StorageNames.Containers.Length);
    }

    /// <summary>
    /// A turn, job or health check met a storage fault. A missing table, queue or container means storage came back
    /// without them: storage is not ready until they are created again, which starts now (once, however many report).
    /// </summary>
    public void ReportFault(Exception ex)
    {
        if (!IsMissingResource(ex) || _stopping.IsCancellationRequested)
        {
            return;
        }

        _ready = false;
        LogLost(ex);
        StartRetry(TimeSpan.Zero);
    }

    private static bool IsMissingResource(Exception ex) => ex switch
    {
        RequestFailedException r => r.ErrorCode is "TableNotFound" or "QueueNotFound" or "ContainerNotFound",
        AggregateException a => a.InnerExceptions.Any(IsMissingResource),
        _ => ex.InnerException is { } inner && IsMissingResource(inner),
    };

    private void StartRetry(TimeSpan firstWait)
    {
        lock (_gate)
        {
            if (_retrying is { IsCompleted: false })
            {
                return;
            }

            _retrying = RetryAsync(firstWait, _stopping.Token);
        }
    }

    private async Task RetryAsync(TimeSpan firstWait, CancellationToken ct)
    {
        var clock = time ?? TimeProvider.System;
        var wait = firstWait;
        var next = FirstRetry;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock, ct).ConfigureAwait(false);
                }

                await InitializeAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (StorageFaults.IsFault(ex))
            {
                wait = next;
                next = next * 2 > MaxRetry ? MaxRetry : next * 2;
                LogUnavailable(ex, wait);
            }
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Storage ready: {Tables} tables, {Queues} queues, {Containers} containers")]
    private partial void LogReady(int tables, int queues, int containers);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Storage is unreachable; the bot runs without it (healthz Unhealthy) and tries again in {Retry}")]
    private partial void LogUnavailable(Exception ex, TimeSpan retry);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Storage answered that a table, queue or container is missing; creating them again (healthz Unhealthy until done)")]
    private partial void LogLost(Exception ex);
}

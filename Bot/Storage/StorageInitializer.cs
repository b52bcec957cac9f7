using Microsoft.Extensions.Hosting;

namespace VolunteerBot.Storage;

/// <summary>
/// Creates every table, queue and blob container (idempotent). At start it tries once; when storage cannot be reached
/// the host still starts (so App Service does not restart it in a loop), <c>/healthz</c> reports storage Unhealthy,
/// and creation is retried in the background (5 s, doubling to 1 min) until it succeeds.
/// </summary>
public sealed partial class StorageInitializer(StorageAccount account, ILogger<StorageInitializer> logger, TimeProvider? time = null) : IHostedService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromMinutes(1);
    // Never disposed: it has no timer, and the host may stop this service after the container disposed it.
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retrying;

    /// <summary>True once every table, queue and container exists.</summary>
    public bool IsReady { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFaults.IsFault(ex))
        {
            LogUnavailable(ex, FirstRetry);
            _retrying = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_retrying is not null)
        {
            await _retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Creates everything; throws when storage cannot be reached.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var tables = StorageNames.Tables.Select(t => account.Table(t).CreateIfNotExistsAsync(cancellationToken));
        var queues = StorageNames.Queues.Select(q => account.Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        var containers = StorageNames.Containers.Select(c => account.Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        await Task.WhenAll(tables.Cast<Task>().Concat(queues).Concat(containers)).ConfigureAwait(false);
        IsReady = true;
        LogReady(StorageNames.Tables.Length, StorageNames.Queues.Length, StorageNames.Containers.Length);
    }

    private async Task RetryAsync(CancellationToken ct)
    {
        var clock = time ?? TimeProvider.System;
        var wait = FirstRetry;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, clock, ct).ConfigureAwait(false);
                await InitializeAsync(ct).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (StorageFaults.IsFault(ex))
            {
                wait = wait * 2 > MaxRetry ? MaxRetry : wait * 2;
                LogUnavailable(ex, wait);
            }
        }
    }

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Storage ready: {Tables} tables, {Queues} queues, {Containers} containers")]
    private partial void LogReady(int tables, int queues, int containers);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Error, Message = "Storage is unreachable; the bot runs without it (healthz Unhealthy) and tries again in {Retry}")]
    private partial void LogUnavailable(Exception ex, TimeSpan retry);
}

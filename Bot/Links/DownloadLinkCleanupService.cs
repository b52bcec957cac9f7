using Microsoft.Extensions.Options;

namespace VolunteerBot.Links;

/// <summary>
/// Deletes expired download links every <see cref="LinkOptions.CleanupInterval"/> (first after
/// <see cref="LinkOptions.CleanupInitialDelay"/>). Runs in every instance without a claim: the deletes are idempotent.
/// </summary>
public sealed partial class DownloadLinkCleanupService(DownloadLinks links, TimeProvider time, IOptions<LinkOptions> options,
    ILogger<DownloadLinkCleanupService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>The loop; its timers exist when this returns its task, so a test can advance a fake clock right after.</summary>
    internal async Task RunAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.CleanupEnabled)
        {
            return;
        }

        try
        {
            using var timer = new PeriodicTimer(o.CleanupInterval, time);
            await Task.Delay(o.CleanupInitialDelay, time, stoppingToken).ConfigureAwait(false);
            do
            {
                try
                {
                    var deleted = await links.DeleteExpiredAsync(stoppingToken).ConfigureAwait(false);
                    LogCleaned(deleted == 0 ? LogLevel.Debug : LogLevel.Information, deleted);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 8102, Message = "Expired download links deleted: {Count}")]
    private partial void LogCleaned(LogLevel level, int count);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Warning, Message = "Expired-link cleanup failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}

using Microsoft.Extensions.Options;

namespace VolunteerBot.Reminders;

/// <summary>
/// Runs <see cref="AnnouncementSweep"/> every <see cref="AnnouncementSweepOptions.Interval"/> on the injected clock.
/// Every instance runs it without a claim of its own: the announcement run's claim already makes it happen once.
/// </summary>
public sealed partial class AnnouncementSweepService(AnnouncementSweep sweep, TimeProvider time, IOptions<AnnouncementSweepOptions> options,
    ILogger<AnnouncementSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        try
        {
            using var timer = new PeriodicTimer(o.Interval, time);
            await Task.Delay(o.InitialDelay, time, stoppingToken).ConfigureAwait(false);
            do
            {
                try
                {
                    var done = await sweep.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                    LogSwept(done.Opened + done.Started == 0 ? LogLevel.Debug : LogLevel.Information, done.Opened, done.Started);
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

    [LoggerMessage(EventId = 6041, Message = "Announcement sweep: {Opened} approved projects opened, {Started} announcements started")]
    private partial void LogSwept(LogLevel level, int opened, int started);

    [LoggerMessage(EventId = 6042, Level = LogLevel.Warning, Message = "Announcement sweep failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}

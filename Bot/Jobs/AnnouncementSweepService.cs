using Microsoft.Extensions.Options;
using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>
/// Runs <see cref="AnnouncementSweep"/> every <see cref="AnnouncementSweepOptions.Interval"/> on the injected clock.
/// Every instance runs it without a claim of its own: the announcement run's claim already makes it happen once.
/// </summary>
public sealed partial class AnnouncementSweepService(AnnouncementSweep sweep, TimeProvider time, IOptions<AnnouncementSweepOptions> options,
    ILogger<AnnouncementSweepService> logger) : PeriodicService(time)
{
    protected override PeriodicSchedule Schedule => options.Value.Schedule;

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var done = await sweep.RunOnceAsync(cancellationToken).ConfigureAwait(false);
        LogSwept(done.Opened + done.Started == 0 ? LogLevel.Debug : LogLevel.Information, done.Opened, done.Started);
    }

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(EventId = 6041, Message = "Announcement sweep: {Opened} approved projects opened, {Started} announcements started")]
    private partial void LogSwept(LogLevel level, int opened, int started);

    [LoggerMessage(EventId = 6042, Level = LogLevel.Warning, Message = "Announcement sweep failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}

using Microsoft.Extensions.Options;
using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>Runs <see cref="CheckInHoursSweep"/> on a timer from the injected <see cref="TimeProvider"/>.</summary>
public sealed partial class CheckInHoursService(CheckInHoursSweep sweep, TimeProvider time, IOptions<CheckInHoursOptions> options,
    ILogger<CheckInHoursService> logger) : PeriodicService(time)
{
    protected override PeriodicSchedule Schedule => options.Value.Schedule;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => sweep.RunOnceAsync(cancellationToken);

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Warning, Message = "Check-in hours sweep failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}

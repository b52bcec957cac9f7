using Microsoft.Extensions.Options;
using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>Runs <see cref="HoursConfirmationSweep"/> on a timer from the injected <see cref="TimeProvider"/>.</summary>
public sealed partial class HoursConfirmationService(HoursConfirmationSweep sweep, TimeProvider time, IOptions<HoursConfirmationOptions> options,
    ILogger<HoursConfirmationService> logger) : PeriodicService(time)
{
    protected override PeriodicSchedule Schedule => options.Value.Schedule;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => sweep.RunOnceAsync(cancellationToken);

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Hours confirmation sweep failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}

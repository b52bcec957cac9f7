using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Handlers.Privacy;
using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>
/// Erases the volunteer profiles of roster leavers whose grace period has passed (the same erasure as 注销志愿者, by the
/// system, each in the audit trail). Idempotent, so every instance may run it.
/// </summary>
public sealed partial class LeaverOffboardingService(PrivacyContext privacy, TimeProvider time, IOptions<LeaverOffboardingOptions> options,
    ILogger<LeaverOffboardingService> logger) : PeriodicService(time)
{
    protected override PeriodicSchedule Schedule => options.Value.Schedule;

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var erased = await privacy.OffboardLeaversAsync(TimeSpan.FromDays(options.Value.GraceDays), cancellationToken).ConfigureAwait(false);
        LogOffboarded(erased.Count == 0 ? LogLevel.Debug : LogLevel.Information, erased.Count);
    }

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(EventId = 8190, Message = "Roster leavers offboarded: {Count}")]
    private partial void LogOffboarded(LogLevel level, int count);

    [LoggerMessage(EventId = 8191, Level = LogLevel.Warning, Message = "Leaver offboarding failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}

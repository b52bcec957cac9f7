using Microsoft.Extensions.Options;
using VolunteerBot.Hosting;
using VolunteerBot.Storage;

namespace VolunteerBot.Jobs;

/// <summary>
/// Every <see cref="CopyRepairOptions.Interval"/>, rewrites the committee's copies of service records whose write died
/// between the truth and the copies (<see cref="ServiceRecordCopies.RepairAsync"/>). Runs in every instance without a
/// claim: the copy writes are ordered and the deletes idempotent.
/// </summary>
public sealed partial class ServiceRecordCopyRepairService(ServiceRecordCopies copies, TimeProvider time, IOptions<CopyRepairOptions> options,
    ILogger<ServiceRecordCopyRepairService> logger) : PeriodicService(time)
{
    protected override PeriodicSchedule Schedule => options.Value.Schedule;

    /// <summary>One repair pass (what the timer runs). Returns the outbox rows repaired.</summary>
    public Task<int> RunOnceAsync(CancellationToken cancellationToken) => copies.RepairAsync(options.Value.Grace, cancellationToken);

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var repaired = await RunOnceAsync(cancellationToken).ConfigureAwait(false);
        LogRepaired(repaired == 0 ? LogLevel.Debug : LogLevel.Warning, repaired);
    }

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(EventId = 5105, Message = "Service record copies rewritten from the truth for {Count} interrupted writes")]
    private partial void LogRepaired(LogLevel level, int count);

    [LoggerMessage(EventId = 5106, Level = LogLevel.Warning, Message = "Service record copy repair failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}

using Microsoft.Extensions.Options;
using VolunteerBot.Hosting;
using VolunteerBot.Storage;

namespace VolunteerBot.Jobs;

/// <summary>The <c>Hours:CopyRepair</c> section.</summary>
/// <remarks>Every 5 minutes, owed copies are looked for.</remarks>
public sealed class CopyRepairOptions() : PeriodicOptions(TimeSpan.FromMinutes(5))
{
    public const string Section = "Hours:CopyRepair";

    /// <summary>
    /// An outbox row younger than this belongs to a write that may still be writing its copies: left alone. Longer than
    /// a write can take with the SDK's retries (a slow write repaired under it would let its own late copies be skipped).
    /// </summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(15);
}

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

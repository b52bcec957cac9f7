using Microsoft.Extensions.Options;
using VolunteerBot.Hosting;
using VolunteerBot.Storage;

namespace VolunteerBot.Jobs;

/// <summary>
/// Deletes replay rows past <see cref="ReplayOptions.Retention"/> every <see cref="ReplayOptions.CleanupInterval"/>
/// (first after <see cref="ReplayOptions.CleanupInitialDelay"/>): the expired hours of the expiry index, and — until
/// retention plus one interval has passed since this process's first pass — the rows written without an expiry row (before the
/// index existed, or by an older version during a deploy). Runs in every instance without a
/// claim: the deletes are idempotent.
/// </summary>
public sealed partial class InvokeReplayCleanupService(InvokeReplayStore replays, TimeProvider time, IOptions<ReplayOptions> options,
    ILogger<InvokeReplayCleanupService> logger) : PeriodicService(time)
{
    private DateTimeOffset? _firstPass;
    private bool _unindexedDone;

    protected override PeriodicSchedule Schedule =>
        new(options.Value.CleanupEnabled, options.Value.CleanupInitialDelay, options.Value.CleanupInterval);

    /// <summary>One cleanup pass (what the timer runs).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var deleted = await replays.DeleteExpiredAsync(cancellationToken).ConfigureAwait(false);
        if (!_unindexedDone)
        {
            // Rows without an expiry row: those written before the index existed, and those an older version still
            // writes during a rolling deploy. The scan repeats until every such row is past retention, then stops.
            var pass = Time.GetUtcNow();
            _firstPass ??= pass;
            deleted += await replays.DeleteUnindexedAsync(cancellationToken).ConfigureAwait(false);
            _unindexedDone = pass - _firstPass >= options.Value.Retention + options.Value.CleanupInterval;
        }

        return deleted;
    }

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var deleted = await RunOnceAsync(cancellationToken).ConfigureAwait(false);
        LogCleaned(deleted == 0 ? LogLevel.Debug : LogLevel.Information, deleted);
    }

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(EventId = 2010, Message = "Expired invoke replay rows deleted: {Count}")]
    private partial void LogCleaned(LogLevel level, int count);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Invoke replay cleanup failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}

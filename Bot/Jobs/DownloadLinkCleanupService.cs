using Microsoft.Extensions.Options;
using VolunteerBot.Hosting;
using VolunteerBot.Storage.Links;
using VolunteerBot.Links;

using LinkOptions = VolunteerBot.Links.LinkOptions;

namespace VolunteerBot.Jobs;

/// <summary>
/// Deletes expired download links every <see cref="LinkOptions.CleanupInterval"/> (first after
/// <see cref="LinkOptions.CleanupInitialDelay"/>). Runs in every instance without a claim: the deletes are idempotent.
/// </summary>
public sealed partial class DownloadLinkCleanupService(DownloadLinks links, TimeProvider time, IOptions<LinkOptions> options,
    ILogger<DownloadLinkCleanupService> logger) : PeriodicService(time)
{
    protected override PeriodicSchedule Schedule =>
        new(options.Value.CleanupEnabled, options.Value.CleanupInitialDelay, options.Value.CleanupInterval);

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var deleted = await links.DeleteExpiredAsync(cancellationToken).ConfigureAwait(false);
        LogCleaned(deleted == 0 ? LogLevel.Debug : LogLevel.Information, deleted);
    }

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(EventId = 8102, Message = "Expired download links deleted: {Count}")]
    private partial void LogCleaned(LogLevel level, int count);

    [LoggerMessage(EventId = 8103, Level = LogLevel.Warning, Message = "Expired-link cleanup failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}

using Microsoft.Extensions.Options;
using VolunteerBot.Delivery;
using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>The <c>Delivery:OutboxRepair</c> section.</summary>
public sealed class OutboxRepairOptions : PeriodicOptions
{
    public const string Section = "Delivery:OutboxRepair";

    /// <summary>Every 30 s, first 15 s after start: a restarted process relays what its predecessor left soon.</summary>
    public OutboxRepairOptions()
        : base(TimeSpan.FromSeconds(30)) => InitialDelay = TimeSpan.FromSeconds(15);

    /// <summary>An outbox entry older than this was not relayed by its own process (which died): relay it.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Relays outbox entries that a process wrote but did not relay before it died (see <see cref="NotificationOutbox"/>).
/// Runs in every instance without a claim: relaying is idempotent (insert-if-absent row, ETag-claimed send).
/// </summary>
public sealed partial class OutboxRepairService(OutboxRelay relay, TimeProvider time, IOptions<OutboxRepairOptions> options,
    ILogger<OutboxRepairService> logger) : PeriodicService(time)
{
    protected override PeriodicSchedule Schedule => options.Value.Schedule;

    protected override async Task RunPassAsync(CancellationToken cancellationToken) =>
        await relay.RepairAsync(options.Value.Grace, cancellationToken).ConfigureAwait(false);

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(EventId = 2113, Level = LogLevel.Warning, Message = "Outbox repair failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}

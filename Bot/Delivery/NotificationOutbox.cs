using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Storage.Delivery;

namespace VolunteerBot.Delivery;

/// <summary>
/// The durable start of everything sent outside a turn's own reply (notifications, review cards, invitations,
/// nudges, channel posts). <see cref="EnqueueAsync"/> composes each notification in its RECIPIENT's language and
/// writes it to the outbox before returning — so before the turn answers — then hands it to the in-process relay.
/// The relay (<see cref="OutboxRelay"/>) turns an entry into a delivery row and a queue message, where the shared
/// sender delivers it under the shared limiter exactly as a reminder. If the process dies after the outbox write,
/// the periodic repair relays what is left.
/// </summary>
public sealed partial class NotificationOutbox(
    OutboxStore outbox,
    OutboxRelay relay,
    LanguageResolver languages,
    TimeProvider time,
    ILogger<NotificationOutbox> logger) : IProactiveDispatcher
{
    /// <summary>Recipients' languages read at once.</summary>
    private const int ComposeParallelism = 8;

    /// <summary>More notifications than this from one turn or job go to the bulk lane of the delivery queue.</summary>
    public const int UrgentAtMost = 50;

    /// <summary>
    /// Test hook (crash injection): called after the outbox write with the entries; returning false skips the
    /// in-process relay, as if the process died right after the turn committed.
    /// </summary>
    internal Func<IReadOnlyList<OutboxEntry>, bool>? BeforeRelay { get; set; }

    public async ValueTask EnqueueAsync(IReadOnlyList<Notification> notifications, IReadOnlyList<ChannelPost> posts, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var entries = new OutboxEntry[notifications.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, notifications.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ComposeParallelism, CancellationToken = cancellationToken },
            async (i, ct) => entries[i] = await ComposeAsync(notifications[i], now, ct).ConfigureAwait(false)).ConfigureAwait(false);
        var all = entries.Concat(posts.Select(p => new OutboxEntry(
            DeliveryTargets.RunIdFor(p.DedupeKey ?? "post:" + Guid.NewGuid().ToString("N")),
            DeliveryTargets.Channel(p.TeamId, p.ChannelId),
            ReminderMessages.Serialize(p.Message),
            now))).ToList();
        if (all.Count == 0)
        {
            return;
        }

        if (all.Count > UrgentAtMost)
        {
            // A mass mailing (邀请注册 to everyone not registered): the bulk lane, so it does not hold up single notices.
            all = [.. all.Select(e => e with { Bulk = true })];
        }

        await outbox.AddAsync(all, cancellationToken).ConfigureAwait(false);
        LogWritten(all.Count);
        if (BeforeRelay is { } hook && !hook(all))
        {
            return;
        }

        relay.Post(all);
    }

    private async Task<OutboxEntry> ComposeAsync(Notification n, DateTimeOffset now, CancellationToken ct)
    {
        var language = await languages.ResolveAsync(n.RecipientAadObjectId, ct).ConfigureAwait(false);
        var message = n.Compose(Localizer.For(language));
        return new OutboxEntry(
            DeliveryTargets.RunIdFor(n.DedupeKey ?? "notify:" + Guid.NewGuid().ToString("N")),
            n.RecipientAadObjectId,
            ReminderMessages.Serialize(message),
            now);
    }

    [LoggerMessage(EventId = 2110, Level = LogLevel.Debug, Message = "{Count} notifications written to the outbox")]
    private partial void LogWritten(int count);
}

/// <summary>
/// Moves outbox entries onto the delivery path: insert the delivery row (if absent: the dedupe), put a queue message
/// for a row still Queued, delete the entry. Entries arrive from this process's turns at once (<see cref="Post"/>) and
/// from the periodic repair (<see cref="RepairAsync"/>) when a process died before relaying them.
/// </summary>
public sealed partial class OutboxRelay(
    OutboxStore outbox,
    ReminderDeliveryStore deliveries,
    IDeliveryQueue queue,
    QueueSignal signal,
    TimeProvider time,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private readonly Channel<IReadOnlyList<OutboxEntry>> _pending = System.Threading.Channels.Channel.CreateUnbounded<IReadOnlyList<OutboxEntry>>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Relays soon, in the background; whatever is lost here the repair relays later.</summary>
    public void Post(IReadOnlyList<OutboxEntry> entries) => _pending.Writer.TryWrite(entries);

    /// <summary>Relays the entries older than <paramref name="grace"/> (left by a process that died); returns how many.</summary>
    public async Task<int> RepairAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        var stale = await outbox.ListOlderThanAsync(time.GetUtcNow() - grace, 500, cancellationToken).ConfigureAwait(false);
        if (stale.Count > 0)
        {
            LogRepairing(stale.Count);
            await RelayAsync(stale, cancellationToken).ConfigureAwait(false);
        }

        return stale.Count;
    }

    public async Task RelayAsync(IReadOnlyList<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (entry, ct) => await RelayOneAsync(entry, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task RelayOneAsync(OutboxEntry entry, CancellationToken ct)
    {
        var row = new DeliveryRow
        {
            RunId = entry.RunId, RecipientId = entry.RecipientId, Audience = Dialogs.Domain.Reminders.ReminderAudience.Volunteer,
            Message = entry.Message, UpdatedAt = time.GetUtcNow(),
        };
        if (entry.Message.Length > ReminderDeliveryStore.MaxMessageChars)
        {
            row = row with { Message = "", Status = Dialogs.Domain.Reminders.DeliveryStatus.Failed, Reason = "message too large for a delivery row" };
        }

        // Insert-if-absent: a dedupe key already delivered (or failed) is not sent again; a row still Queued gets
        // another queue message, which is harmless (the sender claims the row by ETag, once).
        foreach (var queued in await deliveries.InsertNewAsync(entry.RunId, [row], ct).ConfigureAwait(false))
        {
            if (queued.Status == Dialogs.Domain.Reminders.DeliveryStatus.Queued)
            {
                // The urgent lane: a notification is read before any waiting reminder run (a mass mailing is not urgent).
                await queue.SendAsync(entry.Bulk ? DeliveryLane.Bulk : DeliveryLane.Urgent, new QueueTicket(queued.RunId, queued.RecipientId, queued.ETag, queued.Message).ToBody(), ct).ConfigureAwait(false);
                signal.Pulse();
            }
        }

        await outbox.DeleteAsync(entry, ct).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var entries in _pending.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await RelayAsync(entries, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRelayFailed(ex); // the entries stay in the outbox; the repair relays them
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 2111, Level = LogLevel.Warning, Message = "Outbox relay failed; the periodic repair will relay the entries")]
    private partial void LogRelayFailed(Exception ex);

    [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Outbox repair: relaying {Count} entries a process left behind")]
    private partial void LogRepairing(int count);
}

public static class NotificationServiceCollectionExtensions
{
    /// <summary>The outbox, its in-process relay and the periodic repair (the sender itself is <c>AddReminderSending</c>).</summary>
    public static IServiceCollection AddDurableNotifications(this IServiceCollection services)
    {
        services.AddSingleton<OutboxStore>();
        services.TryAddSingleton<IDeliveryQueue, DeliveryQueue>();
        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddSingleton<NotificationOutbox>();
        services.AddSingleton<IProactiveDispatcher>(sp => sp.GetRequiredService<NotificationOutbox>());
        services.AddOptions<Jobs.OutboxRepairOptions>().BindConfiguration(Jobs.OutboxRepairOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero && o.InitialDelay >= TimeSpan.Zero && o.Grace >= TimeSpan.Zero,
                "Delivery:OutboxRepair:Interval must be positive, InitialDelay and Grace not negative.")
            .ValidateOnStart();
        services.AddHostedService<Jobs.OutboxRepairService>();
        return services;
    }

    /// <summary>Graph:ProactiveInstall (off by default): install the app for people a 1:1 chat cannot be opened with.</summary>
    public static IServiceCollection AddAppInstaller(this IServiceCollection services)
    {
        services.AddOptions<GraphOptions>().BindConfiguration(GraphOptions.Section)
            .Validate(o => o.IsValid, "Graph:ProactiveInstall needs Graph:TeamsAppId (the app catalog id) and an absolute Graph:BaseUrl.")
            .ValidateOnStart();
        services.AddHttpClient(GraphAppInstallers.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton(sp => Storage.Delivery.GraphCredential.FromOptions(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<GraphOptions>>().Value));
        services.TryAddSingleton<IAppInstaller, GraphAppInstallers>();
        return services;
    }
}

/// <summary>
/// The <see cref="IAppInstaller"/> the sender holds: refuses while Graph:ProactiveInstall is off, and otherwise makes
/// the Graph installer on first use (so the Graph SDK is not even loaded in a deployment that does not use it).
/// </summary>
public sealed class GraphAppInstallers(IServiceProvider services, Microsoft.Extensions.Options.IOptions<GraphOptions> options) : IAppInstaller
{
    public const string HttpClientName = "graph";

    private readonly Lazy<IAppInstaller> _graph = new(() => Create(services));

    public Task<AppInstallOutcome> InstallForUserAsync(string aadObjectId, CancellationToken cancellationToken) =>
        options.Value.ProactiveInstall ? _graph.Value.InstallForUserAsync(aadObjectId, cancellationToken) : Task.FromResult(AppInstallOutcome.Refused);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IAppInstaller Create(IServiceProvider services) => ActivatorUtilities.CreateInstance<Storage.Delivery.GraphAppInstaller>(services,
        services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName));
}

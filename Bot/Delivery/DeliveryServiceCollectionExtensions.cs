using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VolunteerBot.Delivery.RateLimiting;
using VolunteerBot.Storage.Delivery;

namespace VolunteerBot.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// The proactive messenger, the durable notification path (outbox, relay, repair) and the fan-out, with the sender
    /// side (<see cref="AddReminderSending"/>).
    /// </summary>
    public static IServiceCollection AddVolunteerDelivery(this IServiceCollection services)
    {
        services.TryAddSingleton<ProactiveMessenger>();
        services.AddDurableNotifications();
        services.AddSingleton<ReminderFanOut>();
        services.AddReminderSending();
        return services;
    }

    /// <summary>
    /// Just the sender side (also used by the benchmark's sender process): delivery rows, dead letters, the shared
    /// throttle with its coordinator, and the queue sender. Needs StorageAccount, ProactiveMessenger and TimeProvider.
    /// </summary>
    public static IServiceCollection AddReminderSending(this IServiceCollection services)
    {
        services.AddOptions<ReminderSendingOptions>().BindConfiguration(ReminderSendingOptions.Section)
            .Validate(o => o.AppRequestsPerSecond > 0 && o.Headroom is >= 0 and < 1 && o.Concurrency > 0 && o.BatchSize is > 0 and <= 32,
                "Reminders:Sending is invalid (rate > 0, 0 ≤ headroom < 1, concurrency > 0, batch 1–32).")
            .Validate(o => o.SendTimeout > TimeSpan.Zero && o.SendingLease > o.SendTimeout,
                "Reminders:Sending:SendingLease must be longer than SendTimeout, or a slow send could be taken over and sent twice.")
            .ValidateOnStart();
        services.TryAddSingleton(sp => new SenderIdentity(sp.GetRequiredService<IOptions<ReminderSendingOptions>>().Value.InstanceId));
        services.TryAddSingleton<QueueSignal>();
        services.TryAddSingleton<IDeliveryQueue, DeliveryQueue>();
        services.AddAppInstaller();
        services.TryAddSingleton<ReminderSenderStats>();
        services.TryAddSingleton<ReminderDeliveryStore>();
        services.TryAddSingleton<ReminderDeadLetterStore>();
        services.TryAddSingleton<SenderRegistry>();
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ReminderSendingOptions>>().Value;
            return new DeliveryThrottle(sp.GetRequiredService<TimeProvider>(), o);
        });
        services.TryAddSingleton<SenderCoordinator>();
        services.TryAddSingleton<ReminderSender>();
        services.AddHostedService(sp => sp.GetRequiredService<SenderCoordinator>());
        services.AddHostedService(sp => sp.GetRequiredService<ReminderSender>());
        return services;
    }
}

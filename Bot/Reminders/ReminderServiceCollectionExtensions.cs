using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Handlers.Reminders;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Delivery.RateLimiting;
using VolunteerBot.Delivery;
using VolunteerBot.Jobs;
using VolunteerBot.Storage.Delivery;
using VolunteerBot.Storage.Reminders;

namespace VolunteerBot.Reminders;

public static class ReminderServiceCollectionExtensions
{
    /// <summary>The quarterly scheduler, the queue fan-out and the rate-limited sender (every instance runs all three).</summary>
    public static IServiceCollection AddVolunteerReminders(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section)
            .Validate(o => o.IsValid(out _), "Reminders section is invalid (MidQuarterDay 1–90, FinalCallDaysBeforeEnd 0–80, FixedHolidays MM-dd).")
            .ValidateOnStart();
        services.AddReminderSending();
        services.TryAddSingleton<IReminderPlanner, ReminderPlanner>();
        services.TryAddSingleton<IProjectDigestReader, ProjectDigestReader>();
        services.TryAddSingleton<IServiceHoursReader, ServiceHoursDigestReader>();
        services.TryAddSingleton<IGearOutReader, GearDigestReader>();
        services.TryAddSingleton<IDigestSource, DigestSource>();
        services.AddSingleton<ReminderRunStore>();
        services.AddSingleton<ReminderFanOut>();
        services.AddSingleton<ReminderRunner>();
        services.AddSingleton<ManualRunQueue>();
        services.AddSingleton<BroadcastPlanStore>();
        services.AddSingleton<Delivery.IBroadcastDispatcher, BroadcastStarter>();
        services.AddSingleton<IReminderRuns, ReminderRunsService>();
        services.AddSingleton<ReminderScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderScheduler>());
        services.AddOptions<AnnouncementSweepOptions>().BindConfiguration(AnnouncementSweepOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero && o.InitialDelay >= TimeSpan.Zero && o.Grace >= TimeSpan.Zero,
                "Reminders:AnnouncementSweep:Interval must be positive, InitialDelay and Grace not negative.")
            .ValidateOnStart();
        services.AddSingleton<AnnouncementSweep>();
        services.AddHostedService<AnnouncementSweepService>();
        return services;
    }

    /// <summary>
    /// Just the sender side (also used by the benchmark's sender process): delivery rows, dead letters, the shared
    /// throttle with its coordinator, and the queue sender. Needs StorageAccount, ProactiveMessenger and TimeProvider.
    /// </summary>
    public static IServiceCollection AddReminderSending(this IServiceCollection services)
    {
        services.AddOptions<ReminderSendingOptions>().BindConfiguration(ReminderSendingOptions.Section)
            .Validate(o => o.AppRequestsPerSecond > 0 && o.Headroom is >= 0 and < 1 && o.Concurrency > 0 && o.BatchSize is > 0 and <= 32 && o.Burst >= 1,
                "Reminders:Sending is invalid (rate > 0, 0 ≤ headroom < 1, concurrency > 0, batch 1–32, burst ≥ 1).")
            .Validate(o => o.SendTimeout > TimeSpan.Zero && o.SendingLease > o.SendTimeout,
                "Reminders:Sending:SendingLease must be longer than SendTimeout, or a slow send could be taken over and sent twice.")
            .ValidateOnStart();
        services.TryAddSingleton<SenderIdentity>();
        services.TryAddSingleton<QueueSignal>();
        services.AddAppInstaller();
        services.TryAddSingleton<ReminderSenderStats>();
        services.TryAddSingleton<ReminderDeliveryStore>();
        services.TryAddSingleton<DeadLetterStore>();
        services.TryAddSingleton<SenderRegistry>();
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<ReminderSendingOptions>>().Value;
            return new DeliveryThrottle(sp.GetRequiredService<TimeProvider>(), o.EffectiveAppRate, o.PerConversationPerSecond, o.PerConversationPer30Seconds, o.Burst);
        });
        services.TryAddSingleton<SenderCoordinator>();
        services.TryAddSingleton<ReminderSender>();
        services.AddHostedService(sp => sp.GetRequiredService<SenderCoordinator>());
        services.AddHostedService(sp => sp.GetRequiredService<ReminderSender>());
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Calendar;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Handlers.Reminders;

namespace VolunteerBot.Reminders;

public static class RemindersServiceCollectionExtensions
{
    /// <summary>Quarterly reminders: options, the working-day calendar (also the hours rule's), planner and digest readers, the runner and the scheduler (sending: AddVolunteerDelivery).</summary>
    public static IServiceCollection AddVolunteerReminders(this IServiceCollection services)
    {
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section)
            .Validate(o => o.IsValid(out _), "Reminders section is invalid (MidQuarterDay 1–90, FinalCallDaysBeforeEnd 0–80, FixedHolidays MM-dd).")
            .ValidateOnStart();
        services.TryAddSingleton(sp => WorkingDayCalendar.From(sp.GetRequiredService<IOptions<ReminderOptions>>().Value));
        services.TryAddSingleton<IReminderPlanner, ReminderPlanner>();
        services.TryAddSingleton<IProjectDigestReader, ProjectDigestReader>();
        services.TryAddSingleton<IServiceHoursReader, ServiceHoursDigestReader>();
        services.TryAddSingleton<IGearOutReader, GearDigestReader>();
        services.TryAddSingleton<IDigestSource, DigestSource>();
        services.AddSingleton<ReminderRunner>();
        services.AddSingleton<ManualRunQueue>();
        services.AddSingleton<Delivery.IBroadcastDispatcher, BroadcastStarter>();
        services.AddSingleton<IReminderRuns, ReminderRunsService>();
        services.AddSingleton<ReminderScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderScheduler>());
        return services;
    }
}

using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

public static class JobsServiceCollectionExtensions
{
    /// <summary>Every periodic job with its options: sweeps, repairs, cleanups.</summary>
    public static IServiceCollection AddVolunteerJobs(this IServiceCollection services)
    {
        services.AddSingleton<InvokeReplayCleanupService>();
        services.AddHostedService(sp => sp.GetRequiredService<InvokeReplayCleanupService>());
        services.AddHostedService<SignUpReminderService>();
        services.AddHostedService<DownloadLinkCleanupService>();
        services.AddOptions<HoursConfirmationOptions>().BindConfiguration(HoursConfirmationOptions.Section);
        services.AddSingleton<HoursConfirmationSweep>();
        services.AddHostedService<HoursConfirmationService>();
        services.AddOptions<CopyRepairOptions>().BindConfiguration(CopyRepairOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero && o.InitialDelay >= TimeSpan.Zero && o.Grace >= TimeSpan.FromMinutes(5),
                "Hours:CopyRepair:Interval must be positive, InitialDelay not negative, and Grace at least 5 minutes (longer than a write with its retries).")
            .ValidateOnStart();
        services.AddSingleton<ServiceRecordCopyRepairService>();
        services.AddHostedService(sp => sp.GetRequiredService<ServiceRecordCopyRepairService>());
        services.AddOptions<AnnouncementSweepOptions>().BindConfiguration(AnnouncementSweepOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero && o.InitialDelay >= TimeSpan.Zero && o.Grace >= TimeSpan.Zero,
                "Reminders:AnnouncementSweep:Interval must be positive, InitialDelay and Grace not negative.")
            .ValidateOnStart();
        services.AddSingleton<AnnouncementSweep>();
        services.AddHostedService<AnnouncementSweepService>();
        services.AddOptions<CheckInHoursOptions>().BindConfiguration(CheckInHoursOptions.Section);
        services.AddSingleton<CheckInHoursSweep>();
        services.AddHostedService<CheckInHoursService>();
        services.AddOptions<LeaverOffboardingOptions>().BindConfiguration(LeaverOffboardingOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero && o.GraceDays >= 0, "Privacy:LeaverOffboarding:Interval must be positive and GraceDays not negative.")
            .ValidateOnStart();
        services.AddHostedService<LeaverOffboardingService>();
        services.AddOptions<DashboardTotalsOptions>().BindConfiguration(DashboardTotalsOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero && o.InitialDelay >= TimeSpan.Zero, "Dashboard:Totals:Interval must be positive, InitialDelay not negative.")
            .ValidateOnStart();
        services.AddSingleton<DashboardTotalsService>();
        services.AddHostedService(sp => sp.GetRequiredService<DashboardTotalsService>());
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using VolunteerBot.Dialogs.Handlers.Hours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Reminders;
using VolunteerBot.Storage;
using VolunteerBot.Jobs;
using VolunteerBot.Storage.Documents;

namespace VolunteerBot.Documents;

/// <summary>Service hours (issue 5): record stores, points rules, documents, the confirmation reminder, the copy repair.</summary>
public static class HoursServiceCollectionExtensions
{
    public static IServiceCollection AddVolunteerHours(this IServiceCollection services)
    {
        services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.Section);
        services.TryAddSingleton<HoursContext>();
        services.TryAddSingleton<ActivityConfirmationFlow>();
        services.AddSingleton<IServiceRecordStore, ServiceRecordTableStore>();
        services.AddSingleton<IServiceRecordConfirmationStore, ServiceRecordConfirmationTableStore>();
        services.AddSingleton<IPointsRulesStore, PointsRulesTableStore>();
        services.AddSingleton<CertificateLog>();
        services.AddSingleton<CertificateRenderer>();
        services.AddSingleton<DocumentService>();
        services.AddSingleton<IDocumentService>(sp => sp.GetRequiredService<DocumentService>());
        services.AddOptions<HoursConfirmationOptions>().BindConfiguration(HoursConfirmationOptions.Section);
        services.AddSingleton<HoursConfirmationSweep>();
        services.AddHostedService<HoursConfirmationService>();
        services.AddOptions<CopyRepairOptions>().BindConfiguration(CopyRepairOptions.Section)
            .Validate(o => o.Interval > TimeSpan.Zero && o.InitialDelay >= TimeSpan.Zero && o.Grace >= TimeSpan.FromMinutes(5),
                "Hours:CopyRepair:Interval must be positive, InitialDelay not negative, and Grace at least 5 minutes (longer than a write with its retries).")
            .ValidateOnStart();
        services.AddSingleton<ServiceRecordCopies>();
        services.AddSingleton<ServiceRecordCopyRepairService>();
        services.AddHostedService(sp => sp.GetRequiredService<ServiceRecordCopyRepairService>());
        return services;
    }
}

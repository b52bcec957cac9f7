using Microsoft.Extensions.DependencyInjection.Extensions;
using VolunteerBot.Dialogs.Dialogs.Hours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Reminders;
using VolunteerBot.Storage;

namespace VolunteerBot.Documents;

/// <summary>Service hours (issue 5): record stores, points rules, documents and links, the confirmation reminder.</summary>
public static class HoursServiceCollectionExtensions
{
    public static IServiceCollection AddVolunteerHours(this IServiceCollection services)
    {
        services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.Section)
            .Configure<IConfiguration>((o, c) => o.PublicBaseUrl = c["Bot:PublicBaseUrl"] ?? o.PublicBaseUrl)
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "Bot:PublicBaseUrl must be an absolute URL.")
            .Validate(o => o.LinkLifetime > TimeSpan.Zero, "Documents:LinkLifetime must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<HoursContext>();
        services.TryAddSingleton<ActivityConfirmationFlow>();
        services.AddSingleton<IServiceRecordStore, ServiceRecordTableStore>();
        services.AddSingleton<IActivityConfirmationStore, ServiceRecordConfirmationTableStore>();
        services.AddSingleton<IPointsRulesStore, PointsRulesTableStore>();
        services.AddSingleton<DocumentLinkStore>();
        services.AddSingleton<CertificateLog>();
        services.AddSingleton<CertificateRenderer>();
        services.AddSingleton<DocumentService>();
        services.AddSingleton<IDocumentService>(sp => sp.GetRequiredService<DocumentService>());
        services.AddOptions<HoursConfirmationOptions>().BindConfiguration(HoursConfirmationOptions.Section);
        services.AddSingleton<HoursConfirmationSweep>();
        services.AddHostedService<HoursConfirmationService>();
        return services;
    }

    public static IEndpointRouteBuilder MapVolunteerFiles(this IEndpointRouteBuilder app)
    {
        app.MapGet("/files/{token}", FilesEndpoint.HandleAsync);
        return app;
    }
}

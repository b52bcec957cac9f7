using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Documents;

public static class DocumentsServiceCollectionExtensions
{
    /// <summary>Certificates and exports: PDF and Excel rendering behind <see cref="IDocumentService"/>.</summary>
    public static IServiceCollection AddVolunteerDocuments(this IServiceCollection services)
    {
        services.AddOptions<DocumentOptions>().BindConfiguration(DocumentOptions.Section);
        services.AddSingleton<CertificateRenderer>();
        services.AddSingleton<DocumentService>();
        services.AddSingleton<IDocumentService>(sp => sp.GetRequiredService<DocumentService>());
        services.AddSingleton<Dialogs.Domain.CheckIn.ICheckInLinks, CheckInQrCodes>();
        return services;
    }
}

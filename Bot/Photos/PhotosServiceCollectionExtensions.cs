using Microsoft.Extensions.DependencyInjection.Extensions;
using VolunteerBot.Dialogs.Domain.Photos;

namespace VolunteerBot.Photos;

public static class PhotosServiceCollectionExtensions
{
    /// <summary>Attachment downloads and channel listing for photos (the archive store: AddVolunteerStorage).</summary>
    public static IServiceCollection AddVolunteerPhotos(this IServiceCollection services)
    {
        services.TryAddSingleton<IAttachmentDownloader, ConnectorAttachmentDownloader>();
        services.TryAddSingleton<IImageInspector, SkiaImageInspector>();
        services.TryAddSingleton<IChannelDirectory, ChannelDirectory>();
        return services;
    }
}

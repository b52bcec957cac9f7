using Microsoft.Extensions.DependencyInjection.Extensions;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Training;
using VolunteerBot.Storage.Photos;

namespace VolunteerBot.Photos;

public static class PhotoServiceCollectionExtensions
{
    /// <summary>Gear and training readers, the photo archive, attachment downloads, channel listing (links: AddVolunteerLinks).</summary>
    public static IServiceCollection AddVolunteerPhotos(this IServiceCollection services)
    {
        services.AddOptions<GearOptions>().BindConfiguration(GearOptions.Section)
            .Validate(o => o.ReturnWithinDays is >= 0 and <= 365, "Gear:ReturnWithinDays must be between 0 and 365.").ValidateOnStart();
        services.TryAddSingleton<IGearReader, GearReader>();
        services.TryAddSingleton<ITrainingReader, TrainingReader>();
        services.TryAddSingleton<VolunteerBot.Dialogs.Domain.Photos.ActivityFinder>();
        services.TryAddSingleton<VolunteerBot.Dialogs.Handlers.Gear.GearContext>();
        services.TryAddSingleton<IPhotoArchive, BlobPhotoArchive>();
        services.TryAddSingleton<IAttachmentDownloader, ConnectorAttachmentDownloader>();
        services.TryAddSingleton<IImageInspector, SkiaImageInspector>();
        services.TryAddSingleton<IChannelDirectory, ChannelDirectory>();
        return services;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs;

public static class DialogsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the router, role and language resolution and every <see cref="ITurnHandler"/> in this
    /// assembly (found by type, so a feature adds a handler by adding a file), and the contexts and readers they share.
    /// Stores come from the host.
    /// </summary>
    public static IServiceCollection AddVolunteerDialogs(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRoleResolver, RoleResolver>();
        services.TryAddSingleton<LanguageResolver>();
        services.TryAddSingleton<TurnUserResolver>();
        services.TryAddSingleton<HelpHandler>();
        services.TryAddSingleton<TurnRouter>();
        services.TryAddSingleton<Handlers.Projects.ProjectContext>();
        services.TryAddSingleton<Handlers.Projects.ProjectAnnouncer>();
        services.TryAddSingleton<Handlers.Privacy.PrivacyContext>();
        services.TryAddSingleton<Handlers.Hours.HoursContext>();
        services.TryAddSingleton<Handlers.Hours.ActivityConfirmationFlow>();
        services.TryAddSingleton<Handlers.Gear.GearContext>();
        services.TryAddSingleton<Domain.Gear.IGearReader, Domain.Gear.GearReader>();
        services.TryAddSingleton<Domain.Training.ITrainingReader, Domain.Training.TrainingReader>();
        services.TryAddSingleton<Domain.Photos.ActivityFinder>();
        services.TryAddSingleton<Handlers.CheckIn.CheckInFlow>();

        var handlerTypes = typeof(DialogsServiceCollectionExtensions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(ITurnHandler).IsAssignableFrom(t));
        foreach (var type in handlerTypes)
        {
            if (type == typeof(HelpHandler))
            {
                services.AddSingleton<ITurnHandler>(sp => sp.GetRequiredService<HelpHandler>());
                continue;
            }

            services.TryAddEnumerable(ServiceDescriptor.Singleton(typeof(ITurnHandler), type));
        }

        return services;
    }
}

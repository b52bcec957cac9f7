using VolunteerBot.Storage.Links;

namespace VolunteerBot.Links;

/// <summary>The one download-link service: options and <c>GET /files/{token}</c> (store: AddVolunteerStorage; cleanup: AddVolunteerJobs).</summary>
public static class LinksServiceCollectionExtensions
{
    public static IServiceCollection AddVolunteerLinks(this IServiceCollection services)
    {
        services.AddOptions<LinkOptions>().BindConfiguration(LinkOptions.Section)
            .Validate<IHostEnvironment>((o, env) => o.IsValidBaseUrl(env.IsDevelopment()),
                "Links:PublicBaseUrl must be the bot's absolute public https address (http only in Development), e.g. https://app-volunteerbot-prod.azurewebsites.net.")
            .Validate(o => o.Lifetime > TimeSpan.Zero, "Links:Lifetime must be positive.")
            .Validate(o => o.CleanupInterval > TimeSpan.Zero && o.CleanupInitialDelay >= TimeSpan.Zero, "Links:CleanupInterval must be positive and Links:CleanupInitialDelay not negative.")
            .ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapVolunteerLinks(this IEndpointRouteBuilder app)
    {
        app.MapGet(DownloadLinks.PathPrefix + "{token}", DownloadEndpoint.HandleAsync);
        return app;
    }
}

using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VolunteerBot.Channel;
using VolunteerBot.Channel.Auth;
using VolunteerBot.Channel.Connector;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs;
using VolunteerBot.Documents;
using VolunteerBot.Links;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Training;
using VolunteerBot.Photos;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Reminders;
using VolunteerBot.Storage;
using VolunteerBot.Jobs;
using VolunteerBot.Storage.Reminders;
using VolunteerBot.Web;

namespace VolunteerBot.Hosting;

public static partial class BotServiceCollectionExtensions
{
    /// <summary>Everything the bot needs: the shared options, then one Add… per folder.</summary>
    public static WebApplicationBuilder AddVolunteerBot(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();
        services.AddOptions<BotOptions>().BindConfiguration(BotOptions.Section)
            .Validate(o => !o.AllowLocalUnauthenticated || development,
                "Bot:AllowLocalUnauthenticated=true is refused: local unauthenticated mode is allowed only when ASPNETCORE_ENVIRONMENT=Development. Remove the setting (production needs a Bot Framework token on every activity).")
            .ValidateOnStart();
        services.AddOptions<VolunteeringOptions>().BindConfiguration(VolunteeringOptions.Section)
            .Validate(o => TimeZoneExists(o.TimeZone), "Volunteering:TimeZone is not a known time zone.")
            .Validate(o => Dialogs.Localization.LanguageCodes.Parse(o.DefaultLanguage) is not null, "Volunteering:DefaultLanguage must be zh-CN or en-US.")
            .ValidateOnStart();
        services.AddOptions<CheckInOptions>().BindConfiguration(CheckInOptions.Section);
        services.AddOptions<GearOptions>().BindConfiguration(GearOptions.Section)
            .Validate(o => o.ReturnWithinDays is >= 0 and <= 365, "Gear:ReturnWithinDays must be between 0 and 365.").ValidateOnStart();

        // The system clock; in a local run (Development + local mode, decided on the final configuration) the movable
        // test clock of DevClock instead.
        services.AddSingleton<DevClock>();
        services.AddSingleton<TimeProvider>(sp => DevClock.Allowed(sp.GetRequiredService<IHostEnvironment>(), sp.GetRequiredService<IConfiguration>())
            ? sp.GetRequiredService<DevClock>()
            : TimeProvider.System);

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.AddHostedService<MissingTextLog>();
        services.AddVolunteerStorage(builder.Configuration);
        services.AddVolunteerChannel();
        services.AddVolunteerDelivery();
        services.AddVolunteerDialogs();
        services.AddVolunteerReminders();
        services.AddVolunteerJobs();
        services.AddSingleton<Demo.DemoSeeder>();
        if (builder.Configuration.GetValue<bool>("Demo:Seed"))
        {
            services.AddHostedService<Demo.DemoSeedService>(); // scripts/dev.sh --demo
        }

        services.AddVolunteerDocuments();
        services.AddVolunteerLinks();
        services.AddVolunteerPhotos();
        services.AddVolunteerWeb();
        services.AddVolunteerTelemetry(builder.Configuration);
        // A bounded check: a request stuck on a storage connection that died must not hold /healthz for minutes.
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", timeout: TimeSpan.FromSeconds(10));
        return builder;
    }

    public static IServiceCollection AddVolunteerChannel(this IServiceCollection services)
    {
        services.AddHttpClient(OpenIdMetadata.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<OpenIdMetadata>();
        services.AddSingleton<IActivityAuthenticator, BotFrameworkAuthenticator>();
        services.AddSingleton<InboundPolicy>();
        services.AddVolunteerConnector();
        services.AddSingleton<ActivityProcessor>();
        services.AddSingleton<ITeamRosterSource, TeamRosterSource>();
        services.AddHostedService<LocalModeWarning>();
        return services;
    }

    /// <summary>The connector client: allow-list, MSAL tokens, retries. Redirects are not followed automatically so a token never follows one.</summary>
    public static IServiceCollection AddVolunteerConnector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // One long-lived handler whose connections are recycled every 5 minutes (DNS changes are still seen) instead of
        // the factory's whole new handler every 2 minutes: a fresh, empty pool in the middle of a reminder run opens a
        // connection per request in flight at once, and requests that wait for one reach Teams bunched.
        services.AddHttpClient(ConnectorClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<ServiceUrlPolicy>();
        services.TryAddSingleton<ITokenProvider, MsalTokenProvider>();
        services.TryAddSingleton<ConnectorDelay>();
        services.TryAddSingleton<IConnectorClient, ConnectorClient>();
        return services;
    }

    private static bool TimeZoneExists(string id)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (TimeZoneNotFoundException)
        {
            return false;
        }
    }
}

/// <summary>Says loudly at start that local unauthenticated mode is on.</summary>
internal sealed partial class LocalModeWarning(IOptions<BotOptions> options, ILogger<LocalModeWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.AllowLocalUnauthenticated)
        {
            LogLocalMode();
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Bot:AllowLocalUnauthenticated is ON: token-less activities from loopback with a loopback serviceUrl are accepted. Never use this outside a local run.")]
    private partial void LogLocalMode();
}

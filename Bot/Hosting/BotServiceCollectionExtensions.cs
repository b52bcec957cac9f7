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

namespace VolunteerBot.Hosting;

public static partial class BotServiceCollectionExtensions
{
    /// <summary>Everything the bot needs: options, channel, storage, dialogs, telemetry.</summary>
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

        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section);
        services.AddSingleton(TimeProvider.System);
        services.AddVolunteerStorage(builder.Configuration);
        services.AddVolunteerChannel();
        services.AddVolunteerDialogs();
        services.AddVolunteerReminders();
        services.AddVolunteerTelemetry(builder.Configuration);
        // A bounded check: a request stuck on a storage connection that died must not hold /healthz for minutes.
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage", timeout: TimeSpan.FromSeconds(10));
        return builder;
    }

    public static IServiceCollection AddVolunteerStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ =>
        {
            var connection = configuration.GetConnectionString("Storage")
                ?? throw new InvalidOperationException("ConnectionStrings__Storage is not set. Locally use UseDevelopmentStorage=true (Azurite).");
            return new StorageAccount(connection, configuration["Storage:TablePrefix"] ?? "");
        });
        services.AddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        services.AddSingleton<IConversationReferenceStore, ConversationReferenceTableStore>();
        services.AddSingleton<IUserSettingsStore, UserSettingsTableStore>();
        services.AddSingleton<IVolunteerStore, VolunteerTableStore>();
        services.AddSingleton<IDivisionStore, DivisionTableStore>();
        services.AddSingleton<IStaffStore, StaffTableStore>();
        services.AddSingleton<IFeedbackStore, FeedbackTableStore>();
        services.AddInvokeReplay();
        services.AddSingleton<IProjectStore, ProjectTableStore>();
        services.AddSingleton<ISignUpStore, SignUpTableStore>();
        services.AddSingleton<Storage.Reminders.SignUpReminderClaims>();
        services.AddHostedService<Jobs.SignUpReminderService>();
        services.AddVolunteerLinks();
        services.AddVolunteerHours();
        services.AddSingleton<IGearStore, GearTableStore>();
        services.AddSingleton<ITrainingStore, TrainingTableStore>();
        services.AddSingleton<IHighlightStore, PhotoHighlightTableStore>();
        services.AddVolunteerPhotos();
        return services;
    }

    public static IServiceCollection AddVolunteerChannel(this IServiceCollection services)
    {
        services.AddHttpClient(OpenIdMetadata.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<OpenIdMetadata>();
        services.AddSingleton<IActivityAuthenticator, BotFrameworkAuthenticator>();
        services.AddSingleton<InboundPolicy>();
        services.AddVolunteerConnector();
        services.AddSingleton<ActivityProcessor>();
        services.AddSingleton<ProactiveMessenger>();
        services.AddSingleton<ITeamRosterSource, TeamRosterSource>();
        services.AddSingleton<InProcessDispatcher>();
        services.AddSingleton<IProactiveDispatcher>(sp => sp.GetRequiredService<InProcessDispatcher>());
        services.AddHostedService(sp => sp.GetRequiredService<InProcessDispatcher>());
        services.AddHostedService<LocalModeWarning>();
        return services;
    }

    /// <summary>The connector client: allow-list, MSAL tokens, retries. Redirects are not followed automatically so a token never follows one.</summary>
    public static IServiceCollection AddVolunteerConnector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(ConnectorClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
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

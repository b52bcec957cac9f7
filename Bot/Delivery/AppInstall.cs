namespace VolunteerBot.Delivery;

/// <summary>The <c>Graph</c> section: installing the app for people the bot cannot reach (off by default).</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";

    /// <summary>
    /// On: when opening a 1:1 chat answers 403 (the app is not installed for the person), install the app for them
    /// through Microsoft Graph (<c>POST /users/{id}/teamwork/installedApps</c>) with the bot's managed identity, then
    /// open the chat again. Needs the application permission TeamsAppInstallation.ReadWriteSelfForUser.All (admin
    /// consent) on that identity; see docs/deploy.md.
    /// </summary>
    public bool ProactiveInstall { get; set; }

    /// <summary>The app's id in the tenant's app catalog (<c>appCatalogs/teamsApps/{id}</c>), not the manifest id.</summary>
    public string? TeamsAppId { get; set; }

    /// <summary>Graph's root (a sovereign cloud has its own; tests point it at a loopback fake).</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    /// <summary>Client id of a user-assigned managed identity; empty: AZURE_CLIENT_ID (the bot's identity), else the system-assigned one.</summary>
    public string? ManagedIdentityClientId { get; set; }

    public bool IsValid => !ProactiveInstall || (!string.IsNullOrWhiteSpace(TeamsAppId) && Uri.TryCreate(BaseUrl, UriKind.Absolute, out _));
}

public enum AppInstallOutcome
{
    Installed,
    AlreadyInstalled,
    Refused,
}

/// <summary>Installs the bot's Teams app for one person (personal scope).</summary>
public interface IAppInstaller
{
    Task<AppInstallOutcome> InstallForUserAsync(string aadObjectId, CancellationToken cancellationToken);
}

using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using VolunteerBot.Delivery;

namespace VolunteerBot.Storage.Delivery;

/// <summary>The credential Graph calls use: the bot's managed identity in Azure (a test substitutes its own).</summary>
public sealed class GraphCredential(TokenCredential credential)
{
    public TokenCredential Credential { get; } = credential;

    /// <summary>The user-assigned identity named in Graph:ManagedIdentityClientId, else AZURE_CLIENT_ID (the bot's own), else the system-assigned one.</summary>
    public static GraphCredential FromOptions(GraphOptions options)
    {
        var clientId = string.IsNullOrWhiteSpace(options.ManagedIdentityClientId) ? Environment.GetEnvironmentVariable("AZURE_CLIENT_ID") : options.ManagedIdentityClientId;
        return new(string.IsNullOrWhiteSpace(clientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId)));
    }
}

/// <summary>
/// <see cref="IAppInstaller"/> with the Microsoft Graph SDK: <c>POST /users/{id}/teamwork/installedApps</c> binding
/// the catalog app. Application permission TeamsAppInstallation.ReadWriteSelfForUser.All lets the app install only
/// itself. 409 means it is already installed; 403/404 (no consent, unknown user, app blocked by policy) is a refusal.
/// Lives under Storage because it holds Azure SDK (Azure.Identity) code, like every other Azure client.
/// </summary>
public sealed partial class GraphAppInstaller(HttpClient http, GraphCredential credential, IOptions<GraphOptions> options, ILogger<GraphAppInstaller> logger) : IAppInstaller
{
    // The token goes only to the configured Graph host (Graph:BaseUrl: the cloud's Graph, or a test's loopback fake).
    private readonly GraphServiceClient _graph = new(http,
        new Microsoft.Kiota.Authentication.Azure.AzureIdentityAuthenticationProvider(credential.Credential, [new Uri(options.Value.BaseUrl).Host], scopes: [ScopeOf(options.Value.BaseUrl)]),
        options.Value.BaseUrl);

    private static string ScopeOf(string baseUrl) => new Uri(baseUrl).GetLeftPart(UriPartial.Authority) + "/.default";

    public async Task<AppInstallOutcome> InstallForUserAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var install = new UserScopeTeamsAppInstallation
        {
            AdditionalData = new Dictionary<string, object>
            {
                ["teamsApp@odata.bind"] = $"{o.BaseUrl.TrimEnd('/')}/appCatalogs/teamsApps/{Uri.EscapeDataString(o.TeamsAppId!)}",
            },
        };
        try
        {
            await _graph.Users[aadObjectId].Teamwork.InstalledApps.PostAsync(install, cancellationToken: cancellationToken).ConfigureAwait(false);
            LogInstalled(aadObjectId);
            return AppInstallOutcome.Installed;
        }
        catch (ODataError ex) when (ex.ResponseStatusCode == 409)
        {
            return AppInstallOutcome.AlreadyInstalled;
        }
        catch (ODataError ex) when (ex.ResponseStatusCode is 403 or 404 or 400)
        {
            LogRefused(aadObjectId, ex.ResponseStatusCode, ex.Error?.Code);
            return AppInstallOutcome.Refused;
        }
    }

    [LoggerMessage(EventId = 2120, Level = LogLevel.Information, Message = "Installed the app for {AadObjectId} through Graph")]
    private partial void LogInstalled(string aadObjectId);

    [LoggerMessage(EventId = 2121, Level = LogLevel.Warning, Message = "Graph refused to install the app for {AadObjectId}: {Status} {Code}")]
    private partial void LogRefused(string aadObjectId, int status, string? code);
}

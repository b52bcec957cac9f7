namespace VolunteerBot.Channel;

/// <summary>
/// The endpoints that differ between the public cloud, Azure China (21Vianet) and Azure US Government.
/// Values follow the Bot Framework documentation ("Authenticate requests with the Bot Connector API",
/// "Configure a bot in Microsoft Azure operated by 21Vianet", "Configure Bot Framework bots for US Government
/// customers") and the Teams proactive service endpoints.
/// </summary>
public sealed record CloudEndpoints
{
    /// <summary>Bot Framework OpenID metadata: where the keys that sign channel → bot tokens are published.</summary>
    public required string OpenIdMetadataUrl { get; init; }

    /// <summary>Issuers accepted on channel → bot tokens.</summary>
    public required IReadOnlyList<string> ValidIssuers { get; init; }

    /// <summary>Entra login host for bot → channel tokens (authority = host + tenant).</summary>
    public required string LoginHost { get; init; }

    /// <summary>Tenant used as authority for multi-tenant bots (the Bot Framework's own tenant in that cloud).</summary>
    public required string MultiTenantAuthorityTenant { get; init; }

    /// <summary>Scope requested for bot → channel tokens (the resource is the scope without "/.default").</summary>
    public required string OAuthScope { get; init; }

    /// <summary>
    /// Service URL hosts that may receive the bot's token, matched exactly: only the hosts Teams uses in the cloud.
    /// Other Bot Framework channels (Web Chat, Direct Line under *.botframework.*) are refused inbound, so the token
    /// never goes there either.
    /// </summary>
    public required IReadOnlyList<string> ServiceUrlHosts { get; init; }

    /// <summary>Service URL host suffixes (leading dot) that may receive the bot's token; empty in every cloud (exact Teams hosts only).</summary>
    public required IReadOnlyList<string> ServiceUrlHostSuffixes { get; init; }

    /// <summary>
    /// Hosts of pre-authenticated file download URLs (Teams file attachments live in SharePoint/OneDrive).
    /// They are fetched WITHOUT the bot's token.
    /// </summary>
    public required IReadOnlyList<string> FileDownloadHostSuffixes { get; init; }

    public string ManagedIdentityResource => OAuthScope.EndsWith("/.default", StringComparison.Ordinal)
        ? OAuthScope[..^"/.default".Length]
        : OAuthScope;

    public string Authority(BotAppType appType, string tenantId) => appType == BotAppType.MultiTenant || string.IsNullOrEmpty(tenantId)
        ? $"https://{LoginHost}/{MultiTenantAuthorityTenant}"
        : $"https://{LoginHost}/{tenantId}";
}

public static class Clouds
{
    // Note: *.trafficmanager.net is NOT a suffix we trust — anyone can create a Traffic Manager profile there;
    // only the exact Teams host smba.trafficmanager.net is listed.
    public static readonly CloudEndpoints Public = new()
    {
        OpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration",
        ValidIssuers = ["https://api.botframework.com"],
        LoginHost = "login.microsoftonline.com",
        MultiTenantAuthorityTenant = "botframework.com",
        OAuthScope = "https://api.botframework.com/.default",
        ServiceUrlHosts =
        [
            "smba.trafficmanager.net",            // Teams worldwide (…/amer/, /emea/, /apac/, /teams/ …)
            "smba.infra.gcc.teams.microsoft.com", // Teams GCC (runs on the public Bot Framework)
        ],
        ServiceUrlHostSuffixes = [],
        FileDownloadHostSuffixes = [".sharepoint.com"],
    };

    /// <summary>
    /// Azure China operated by 21Vianet. Metadata, issuer, scope and login host are from the Bot Framework's
    /// 21Vianet guide. The Teams service URL host is taken from community reports, not from an official page:
    /// it is Microsoft-controlled (teams.microsoft.cn), and <c>Bot:AdditionalServiceUrlHosts</c> lets an operator
    /// add the host named in a "service URL not allowed" log line without a code change.
    /// </summary>
    public static readonly CloudEndpoints China = new()
    {
        OpenIdMetadataUrl = "https://login.botframework.azure.cn/v1/.well-known/openidconfiguration",
        ValidIssuers = ["https://api.botframework.azure.cn"],
        LoginHost = "login.partner.microsoftonline.cn",
        MultiTenantAuthorityTenant = "microsoftservices.partner.onmschina.cn",
        OAuthScope = "https://api.botframework.azure.cn/.default",
        ServiceUrlHosts = ["smba.infra.partner.teams.microsoft.cn"],
        ServiceUrlHostSuffixes = [],
        FileDownloadHostSuffixes = [".sharepoint.cn"],
    };

    /// <summary>Azure US Government (Teams GCC High and DoD).</summary>
    public static readonly CloudEndpoints USGov = new()
    {
        OpenIdMetadataUrl = "https://login.botframework.azure.us/v1/.well-known/openidconfiguration",
        ValidIssuers = ["https://api.botframework.us"],
        LoginHost = "login.microsoftonline.us",
        MultiTenantAuthorityTenant = "MicrosoftServices.onmicrosoft.us",
        OAuthScope = "https://api.botframework.us/.default",
        ServiceUrlHosts =
        [
            "smba.infra.gov.teams.microsoft.us", // GCC High
            "smba.infra.dod.teams.microsoft.us", // DoD
        ],
        ServiceUrlHostSuffixes = [],
        FileDownloadHostSuffixes = [".sharepoint.us", ".sharepoint-mil.us"],
    };

    public static CloudEndpoints For(BotCloud cloud) => cloud switch
    {
        BotCloud.China => China,
        BotCloud.USGov => USGov,
        _ => Public,
    };
}

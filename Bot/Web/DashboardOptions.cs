namespace VolunteerBot.Web;

/// <summary>The <c>Dashboard</c> section: the 数据看板 tab's SSO, caching and deep link.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboard";

    /// <summary>
    /// The Application ID URI the tab's tokens are issued for, <c>api://{domain}/{appId}</c> (docs/deploy.md). v2 access
    /// tokens carry the app id itself as audience, so <see cref="SsoAppId"/> is accepted too.
    /// </summary>
    public string Audience { get; set; } = "";

    /// <summary>The Entra app registration that exposes <c>access_as_user</c> (webApplicationInfo.id); default Bot:AppId.</summary>
    public string? SsoAppId { get; set; }

    /// <summary>Overrides the tenant's Entra OpenID metadata URL (tests serve keys from loopback).</summary>
    public string? OpenIdMetadataUrl { get; set; }

    /// <summary>How long an answer is kept per instance.</summary>
    public TimeSpan CacheFor { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Where the dev sign-in finds the Playground's people (Development, loopback, local mode only).</summary>
    public string? DevPeopleFile { get; set; }
}

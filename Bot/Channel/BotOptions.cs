namespace VolunteerBot.Channel;

public enum BotAppType
{
    SingleTenant,
    MultiTenant,
    UserAssignedMSI,
}

public enum BotCloud
{
    Public,
    China,
    USGov,
}

/// <summary>The <c>Bot</c> configuration section (DESIGN.md, operational contract).</summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>The Entra app id (or the managed identity's client id): the audience of inbound tokens.</summary>
    public string AppId { get; set; } = "";

    public string TenantId { get; set; } = "";

    /// <summary>Tenants whose activities are accepted when <see cref="AppType"/> is MultiTenant (SingleTenant and UserAssignedMSI accept <see cref="TenantId"/> only).</summary>
    public List<string> AllowedTenantIds { get; set; } = [];

    /// <summary>The tenants inbound activities may come from (outside local mode).</summary>
    public IReadOnlyList<string> AcceptedTenants => AppType == BotAppType.MultiTenant
        ? [.. AllowedTenantIds.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim())]
        : string.IsNullOrWhiteSpace(TenantId) ? [] : [TenantId.Trim()];

    public BotAppType AppType { get; set; } = BotAppType.SingleTenant;

    public string? ClientSecret { get; set; }

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public BotCloud Cloud { get; set; } = BotCloud.Public;

    /// <summary>
    /// Local runs only (the app refuses to start with it outside Development): accept token-less activities from a
    /// loopback caller, with a loopback Host header, Content-Type application/json and a loopback serviceUrl.
    /// </summary>
    public bool AllowLocalUnauthenticated { get; set; }

    /// <summary>Overrides the cloud's Bot Framework OpenID metadata URL (tests serve keys from loopback).</summary>
    public string? OpenIdMetadataUrl { get; set; }

    /// <summary>Extra service URL hosts (exact names) allowed to receive the bot's token, e.g. a new Teams region.</summary>
    public List<string> AdditionalServiceUrlHosts { get; set; } = [];

    /// <summary>The endpoint set of <see cref="Cloud"/>.</summary>
    public CloudEndpoints Endpoints => Clouds.For(Cloud);

    /// <summary>True when a credential for outbound tokens is configured.</summary>
    public bool HasCredential => AppType == BotAppType.UserAssignedMSI
        || !string.IsNullOrEmpty(ClientSecret) || !string.IsNullOrEmpty(CertificatePath);
}

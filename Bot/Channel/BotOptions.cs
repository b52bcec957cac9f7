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

    public BotAppType AppType { get; set; } = BotAppType.SingleTenant;

    public string? ClientSecret { get; set; }

    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    public BotCloud Cloud { get; set; } = BotCloud.Public;

    /// <summary>Local runs only: accept token-less activities from loopback whose serviceUrl is loopback.</summary>
    public bool AllowLocalUnauthenticated { get; set; }
}

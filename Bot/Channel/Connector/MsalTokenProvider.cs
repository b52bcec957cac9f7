using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;
using LogLevel = Microsoft.Extensions.Logging.LogLevel;

namespace VolunteerBot.Channel.Connector;

/// <summary>
/// Bot → channel tokens from MSAL: client secret or certificate (SingleTenant: the bot's tenant as authority;
/// MultiTenant: the Bot Framework's tenant) or a user-assigned managed identity (client id = Bot:AppId).
/// Nothing reaches Entra until the first outbound call; MSAL's in-memory cache keeps the token until near expiry.
/// </summary>
public sealed partial class MsalTokenProvider(IOptions<BotOptions> options, ILogger<MsalTokenProvider> logger) : ITokenProvider
{
    private readonly Lazy<Func<CancellationToken, Task<AuthenticationResult>>> _acquire = new(() => Build(options.Value));

    public bool HasCredential => options.Value.HasCredential;

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await _acquire.Value(cancellationToken).ConfigureAwait(false);
            return result.AccessToken;
        }
        catch (Exception ex) when (ex is MsalException or InvalidOperationException or System.Security.Cryptography.CryptographicException or IOException)
        {
            LogTokenFailed(ex, options.Value.AppType, options.Value.Cloud);
            throw new ConnectorException(0, "TokenUnavailable", "Could not obtain the bot's access token: " + ex.Message);
        }
    }

    private static Func<CancellationToken, Task<AuthenticationResult>> Build(BotOptions bot)
    {
        if (string.IsNullOrEmpty(bot.AppId))
        {
            throw new InvalidOperationException("Bot:AppId is not configured.");
        }

        var endpoints = bot.Endpoints;
        if (bot.AppType == BotAppType.UserAssignedMSI)
        {
            var identity = ManagedIdentityApplicationBuilder.Create(ManagedIdentityId.WithUserAssignedClientId(bot.AppId)).Build();
            return ct => identity.AcquireTokenForManagedIdentity(endpoints.ManagedIdentityResource).ExecuteAsync(ct);
        }

        if (bot.AppType == BotAppType.SingleTenant && string.IsNullOrEmpty(bot.TenantId))
        {
            throw new InvalidOperationException("Bot:TenantId is required for a SingleTenant bot.");
        }

        var builder = ConfidentialClientApplicationBuilder.Create(bot.AppId)
            .WithAuthority(endpoints.Authority(bot.AppType, bot.TenantId));
        builder = !string.IsNullOrEmpty(bot.CertificatePath)
            ? builder.WithCertificate(LoadCertificate(bot.CertificatePath, bot.CertificatePassword))
            : !string.IsNullOrEmpty(bot.ClientSecret)
                ? builder.WithClientSecret(bot.ClientSecret)
                : throw new InvalidOperationException("Set Bot:ClientSecret or Bot:CertificatePath, or use AppType UserAssignedMSI.");
        var app = builder.Build();
        string[] scopes = [endpoints.OAuthScope];
        return ct => app.AcquireTokenForClient(scopes).ExecuteAsync(ct);
    }

    /// <summary>A PKCS#12 file (.pfx/.p12, optional password) or a PEM file holding certificate and private key.</summary>
    private static X509Certificate2 LoadCertificate(string path, string? password) =>
        path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
            ? X509Certificate2.CreateFromPemFile(path)
            : X509CertificateLoader.LoadPkcs12FromFile(path, password);

    [LoggerMessage(EventId = 1200, Level = LogLevel.Error, Message = "Could not obtain the bot's access token ({AppType}, cloud {Cloud})")]
    private partial void LogTokenFailed(Exception ex, BotAppType appType, BotCloud cloud);
}

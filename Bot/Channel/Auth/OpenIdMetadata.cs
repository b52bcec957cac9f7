using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace VolunteerBot.Channel.Auth;

/// <summary>
/// The Bot Framework OpenID metadata and its signing keys, cached and refreshed by
/// Microsoft.IdentityModel's <see cref="ConfigurationManager{T}"/> (automatic refresh every 12 h; an explicit
/// refresh when a token names a key id we do not know, throttled to one per 5 minutes after the first).
/// </summary>
public sealed class OpenIdMetadata
{
    public const string HttpClientName = "VolunteerBot.OpenIdMetadata";

    private readonly ConfigurationManager<OpenIdConnectConfiguration> _manager;

    static OpenIdMetadata()
    {
        // IdentityModel 8 refreshes metadata on a background task by default, so the GetAsync right after a
        // RequestRefresh would still return the old keys. Blocking mode makes the retry after an unknown key id
        // see the new keys. Set before any ConfigurationManager is created (the library caches the switch).
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
    }

    public OpenIdMetadata(IOptions<BotOptions> options, IHttpClientFactory httpClients)
    {
        var bot = options.Value;
        Address = string.IsNullOrWhiteSpace(bot.OpenIdMetadataUrl) ? bot.Endpoints.OpenIdMetadataUrl : bot.OpenIdMetadataUrl;
        var uri = new Uri(Address, UriKind.Absolute);
        var retriever = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName))
        {
            // Plain http only for a loopback metadata endpoint (tests); the real endpoints are https.
            RequireHttps = !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback),
        };
        _manager = new ConfigurationManager<OpenIdConnectConfiguration>(Address, new OpenIdConnectConfigurationRetriever(), retriever);
    }

    public string Address { get; }

    public Task<OpenIdConnectConfiguration> GetAsync(CancellationToken cancellationToken) => _manager.GetConfigurationAsync(cancellationToken);

    /// <summary>Asks for fresh metadata on the next <see cref="GetAsync"/> (throttled by the manager).</summary>
    public void RequestRefresh() => _manager.RequestRefresh();
}

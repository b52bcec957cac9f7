using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using VolunteerBot.Channel;

namespace VolunteerBot.Web;

/// <summary>The person behind a dashboard request: their Entra object id and the name the token gives.</summary>
public sealed record DashboardUser(string AadObjectId, string Name);

/// <summary>
/// Validates the tab's Teams SSO token (<c>authentication.getAuthToken()</c>): RS256 signature against the tenant's
/// Entra OpenID metadata, issuer of our tenant (v1 <c>https://sts…/{tid}/</c> or v2 <c>https://login…/{tid}/v2.0</c>),
/// audience = <c>Dashboard:Audience</c> (api://{domain}/{appId}) or the app id, lifetime (5 min skew), <c>tid</c> =
/// <c>Bot:TenantId</c>, an <c>oid</c>. The acting user is the token's <c>oid</c>, never anything the page sends.
/// <para>Dev sign-in: only in Development, with <c>Bot:AllowLocalUnauthenticated</c>, from loopback, a request without
/// a token may name a person in <c>X-Dashboard-Dev-User</c> (the page's picker of the Playground's people).</para>
/// </summary>
public sealed partial class DashboardAuthenticator
{
    public const string DevUserHeader = "X-Dashboard-Dev-User";
    public const string HttpClientName = "VolunteerBot.DashboardMetadata";
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private readonly IOptions<BotOptions> _bot;
    private readonly IOptions<DashboardOptions> _options;
    private readonly IHostEnvironment _environment;
    private readonly ILogger<DashboardAuthenticator> _logger;
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _metadata;

    public DashboardAuthenticator(IOptions<BotOptions> bot, IOptions<DashboardOptions> options, IHostEnvironment environment,
        IHttpClientFactory httpClients, ILogger<DashboardAuthenticator> logger)
    {
        _bot = bot;
        _options = options;
        _environment = environment;
        _logger = logger;
        var tenant = bot.Value.TenantId;
        MetadataAddress = !string.IsNullOrWhiteSpace(options.Value.OpenIdMetadataUrl)
            ? options.Value.OpenIdMetadataUrl
            : string.IsNullOrWhiteSpace(tenant) ? null : $"https://{bot.Value.Endpoints.LoginHost}/{tenant}/v2.0/.well-known/openid-configuration";
        if (MetadataAddress is not null)
        {
            var uri = new Uri(MetadataAddress, UriKind.Absolute);
            var retriever = new HttpDocumentRetriever(httpClients.CreateClient(HttpClientName))
            {
                RequireHttps = !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback),
            };
            _metadata = new ConfigurationManager<OpenIdConnectConfiguration>(MetadataAddress, new OpenIdConnectConfigurationRetriever(), retriever);
        }
    }

    public string? MetadataAddress { get; }

    /// <summary>True when this request may use the dev sign-in (never outside a local run).</summary>
    public bool DevSignInAllowed(HttpContext context) =>
        _environment.IsDevelopment() && _bot.Value.AllowLocalUnauthenticated && IsLoopback(context.Connection.RemoteIpAddress);

    public async Task<DashboardUser?> AuthenticateAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            var dev = context.Request.Headers[DevUserHeader].ToString();
            if (dev.Length > 0 && DevSignInAllowed(context) && Guid.TryParse(dev, out _))
            {
                return new DashboardUser(dev, "");
            }

            return Reject("no token");
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return Reject("not a Bearer token");
        }

        var token = header[7..].Trim();
        var tenant = _bot.Value.TenantId;
        var audiences = Audiences();
        if (_metadata is null || string.IsNullOrWhiteSpace(tenant) || audiences.Count == 0)
        {
            return Reject("Bot:TenantId or Dashboard:Audience is not configured");
        }

        TokenValidationResult result;
        try
        {
            var configuration = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
            result = await ValidateAsync(token, configuration, tenant, audiences).ConfigureAwait(false);
            if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
            {
                _metadata.RequestRefresh();
                configuration = await _metadata.GetConfigurationAsync(cancellationToken).ConfigureAwait(false);
                result = await ValidateAsync(token, configuration, tenant, audiences).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException ex)
        {
            LogMetadataUnavailable(ex, MetadataAddress ?? "");
            return null;
        }

        if (!result.IsValid)
        {
            return Reject(result.Exception?.GetType().Name ?? "token rejected");
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!jwt.TryGetPayloadValue<string>("tid", out var tid) || !string.Equals(tid, tenant, StringComparison.OrdinalIgnoreCase))
        {
            return Reject("token is for another tenant");
        }

        if (!jwt.TryGetPayloadValue<string>("oid", out var oid) || !Guid.TryParse(oid, out _))
        {
            return Reject("token has no oid");
        }

        jwt.TryGetPayloadValue<string>("name", out var name);
        return new DashboardUser(oid, name ?? "");
    }

    private List<string> Audiences()
    {
        var list = new List<string>();
        if (!string.IsNullOrWhiteSpace(_options.Value.Audience))
        {
            list.Add(_options.Value.Audience.Trim());
        }

        var appId = string.IsNullOrWhiteSpace(_options.Value.SsoAppId) ? _bot.Value.AppId : _options.Value.SsoAppId;
        if (!string.IsNullOrWhiteSpace(appId) && list.Count > 0)
        {
            list.Add(appId.Trim());
        }

        return list;
    }

    /// <summary>Issuers of our tenant only: Entra v1 (sts host) and v2 (login host) in the configured cloud.</summary>
    internal static IReadOnlyList<string> Issuers(BotCloud cloud, string loginHost, string tenant)
    {
        var sts = cloud == BotCloud.China ? "sts.chinacloudapi.cn" : "sts.windows.net";
        return [$"https://{sts}/{tenant}/", $"https://{loginHost}/{tenant}/v2.0"];
    }

    private Task<TokenValidationResult> ValidateAsync(string token, OpenIdConnectConfiguration configuration, string tenant, IReadOnlyList<string> audiences) =>
        Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = Issuers(_bot.Value.Cloud, _bot.Value.Endpoints.LoginHost, tenant),
            ValidAudiences = audiences,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = TimeSpan.FromMinutes(5),
        });

    private static bool IsLoopback(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        return IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
    }

    private DashboardUser? Reject(string reason)
    {
        LogRejected(reason);
        return null;
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Dashboard request refused: {Reason}")]
    private partial void LogRejected(string reason);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = "Entra OpenID metadata at {Address} is unavailable; dashboard requests are refused until it can be read")]
    private partial void LogMetadataUnavailable(Exception ex, string address);
}

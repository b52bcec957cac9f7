using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace VolunteerBot.Tests.Channel;

/// <summary>A signing key of the fake Bot Framework login service, with the channels it is endorsed for.</summary>
public sealed class TestSigningKey : IDisposable
{
    public TestSigningKey(string kid, params string[] endorsements)
    {
        Kid = kid;
        Endorsements = endorsements;
        Rsa = RSA.Create(2048);
    }

    public string Kid { get; }

    public string[] Endorsements { get; }

    public RSA Rsa { get; }

    public JsonObject ToJwk()
    {
        var p = Rsa.ExportParameters(false);
        var endorsements = new JsonArray();
        foreach (var e in Endorsements)
        {
            endorsements.Add(e);
        }

        return new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
            ["endorsements"] = endorsements,
        };
    }

    public void Dispose() => Rsa.Dispose();
}

/// <summary>
/// A loopback stand-in for login.botframework.com: serves the OpenID configuration and a JWKS whose keys carry
/// <c>endorsements</c>, and mints RS256 tokens shaped like the Bot Framework's channel → bot tokens.
/// </summary>
public sealed class TestOpenIdServer : IAsyncDisposable
{
    public const string Issuer = "https://api.botframework.com";

    private readonly WebApplication _app;
    private readonly List<TestSigningKey> _published = [];
    private readonly object _gate = new();
    private int _metadataFetches;

    private TestOpenIdServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public string MetadataUrl => BaseUrl + "/v1/.well-known/openidconfiguration";

    /// <summary>How often the bot read the JWKS (to observe key refreshes).</summary>
    public int KeyFetches => Volatile.Read(ref _metadataFetches);

    public static async Task<TestOpenIdServer> StartAsync(params TestSigningKey[] keys)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new TestOpenIdServer(app);
        server._published.AddRange(keys);
        app.MapGet("/v1/.well-known/openidconfiguration", () => Results.Content(new JsonObject
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = server.BaseUrl + "/authorize",
            ["jwks_uri"] = server.BaseUrl + "/v1/.well-known/keys",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("private_key_jwt"),
        }.ToJsonString(), "application/json"));
        app.MapGet("/v1/.well-known/keys", () =>
        {
            Interlocked.Increment(ref server._metadataFetches);
            var keysJson = new JsonArray();
            lock (server._gate)
            {
                foreach (var k in server._published)
                {
                    keysJson.Add(k.ToJwk());
                }
            }

            return Results.Content(new JsonObject { ["keys"] = keysJson }.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return server;
    }

    /// <summary>Publishes another key (a rotation the bot has not seen yet).</summary>
    public void Publish(TestSigningKey key)
    {
        lock (_gate)
        {
            _published.Add(key);
        }
    }

    /// <summary>An RS256 token; every claim can be bent to build the failure cases.</summary>
    public static string Mint(
        TestSigningKey key,
        string audience,
        string serviceUrl,
        string issuer = Issuer,
        DateTime? notBefore = null,
        DateTime? expires = null,
        string? kid = null)
    {
        var now = DateTime.UtcNow;
        var signingKey = new RsaSecurityKey(key.Rsa) { KeyId = kid ?? key.Kid };
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)).AddSeconds(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            Subject = new ClaimsIdentity([new Claim("serviceurl", serviceUrl)]),
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

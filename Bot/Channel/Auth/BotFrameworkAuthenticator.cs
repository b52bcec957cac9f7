using System.Collections;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Channel.Auth;

/// <summary>
/// Validates the Bot Framework token on an inbound activity: RS256 signature against the cloud's OpenID
/// metadata keys, issuer, audience = Bot:AppId, lifetime (5 min skew), <c>serviceurl</c> claim equal to the
/// activity's serviceUrl, and the signing key endorsed for the activity's channel. The token is checked from the
/// header alone before the body is read; the claims that name the activity are compared once it is parsed.
/// </summary>
public sealed partial class BotFrameworkAuthenticator(
    OpenIdMetadata metadata,
    IOptions<BotOptions> options,
    ILogger<BotFrameworkAuthenticator> logger) : IActivityAuthenticator
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<TokenCheck> ValidateTokenAsync(string authorizationHeader, CancellationToken cancellationToken)
    {
        var bot = options.Value;
        var token = BearerToken(authorizationHeader);
        if (token is null)
        {
            return Reject("not a Bearer token");
        }

        if (string.IsNullOrEmpty(bot.AppId))
        {
            return Reject("Bot:AppId is not configured, so no audience can match");
        }

        OpenIdConnectConfiguration configuration;
        TokenValidationResult result;
        try
        {
            configuration = await metadata.GetAsync(cancellationToken).ConfigureAwait(false);
            result = await ValidateAsync(token, configuration, bot).ConfigureAwait(false);
            if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && NamesUnknownKey(token, configuration))
            {
                // Keys rotate: a token may name a key published after our last fetch. Refresh once and retry.
                LogRefreshingKeys(metadata.Address);
                metadata.RequestRefresh();
                configuration = await metadata.GetAsync(cancellationToken).ConfigureAwait(false);
                result = await ValidateAsync(token, configuration, bot).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException ex)
        {
            // IdentityModel reports an unreachable or invalid metadata document this way.
            LogMetadataUnavailable(ex, metadata.Address);
            return TokenCheck.Invalid("OpenID metadata unavailable");
        }

        if (!result.IsValid)
        {
            return Reject(Describe(result.Exception));
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        jwt.TryGetPayloadValue<string>("serviceurl", out var claimed);
        var keyId = jwt.SigningKey?.KeyId ?? jwt.Kid;
        return new TokenCheck(true, claimed, Endorsements(configuration, keyId), null);
    }

    public string? Refuse(TokenCheck token, Activity activity)
    {
        if (!token.Valid)
        {
            return token.Reason ?? "token rejected";
        }

        if (!SameServiceUrl(token.ServiceUrl, activity.ServiceUrl))
        {
            return "serviceurl claim does not match the activity's serviceUrl";
        }

        if (string.IsNullOrEmpty(activity.ChannelId) || !token.Endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase))
        {
            return "signing key is not endorsed for the channel";
        }

        return null;
    }

    /// <summary>Only a token that names a key id missing from our keys justifies asking for fresh metadata.</summary>
    private static bool NamesUnknownKey(string token, OpenIdConnectConfiguration configuration)
    {
        try
        {
            var kid = new JsonWebToken(token).Kid;
            return !string.IsNullOrEmpty(kid) && !configuration.SigningKeys.Any(k => string.Equals(k.KeyId, kid, StringComparison.Ordinal));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    internal static bool SameServiceUrl(string? a, string? b) =>
        a is { Length: > 0 } && b is { Length: > 0 }
        && string.Equals(a.Trim().TrimEnd('/'), b.Trim().TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static string? BearerToken(string header)
    {
        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !header[..space].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[(space + 1)..].Trim();
        return token.Length == 0 ? null : token;
    }

    private static Task<TokenValidationResult> ValidateAsync(string token, OpenIdConnectConfiguration configuration, BotOptions bot) =>
        Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuers = bot.Endpoints.ValidIssuers,
            ValidAudience = bot.AppId,
            IssuerSigningKeys = configuration.SigningKeys,
            TryAllIssuerSigningKeys = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
        });

    /// <summary>The channels the JWKS key that signed the token is endorsed for.</summary>
    private static IReadOnlyList<string> Endorsements(OpenIdConnectConfiguration configuration, string? keyId)
    {
        if (string.IsNullOrEmpty(keyId) || configuration.JsonWebKeySet is null)
        {
            return [];
        }

        var key = configuration.JsonWebKeySet.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var endorsements))
        {
            return [];
        }

        return [.. Strings(endorsements)];
    }

    private static IEnumerable<string> Strings(object? value) => value switch
    {
        JsonElement { ValueKind: JsonValueKind.Array } array => array.EnumerateArray()
            .Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!),
        string s => [s],
        IEnumerable items => items.Cast<object?>().Select(i => i switch
        {
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => i?.ToString(),
        }).OfType<string>(),
        _ => [],
    };

    private static string Describe(Exception? ex) => ex switch
    {
        SecurityTokenSignatureKeyNotFoundException => "signing key not found in metadata",
        SecurityTokenInvalidSignatureException => "invalid signature",
        SecurityTokenInvalidIssuerException => "invalid issuer",
        SecurityTokenInvalidAudienceException => "invalid audience",
        SecurityTokenExpiredException => "token expired",
        SecurityTokenNotYetValidException => "token not yet valid",
        SecurityTokenNoExpirationException => "token has no expiry",
        SecurityTokenInvalidAlgorithmException => "algorithm not allowed",
        SecurityTokenMalformedException => "malformed token",
        null => "token rejected",
        _ => ex.GetType().Name,
    };

    // The endpoint writes the one log line of a refusal; this only names the reason.
    private static TokenCheck Reject(string reason) => TokenCheck.Invalid(reason);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Token names an unknown signing key; refreshing OpenID metadata from {Address} once")]
    private partial void LogRefreshingKeys(string address);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Error, Message = "OpenID metadata at {Address} is unavailable; inbound activities are refused until it can be read")]
    private partial void LogMetadataUnavailable(Exception ex, string address);
}

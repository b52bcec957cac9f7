using System.Collections;
using System.Net;
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
/// activity's serviceUrl, and the signing key endorsed for the activity's channel. In local mode a request
/// WITHOUT an Authorization header is accepted only from loopback with a loopback serviceUrl.
/// </summary>
public sealed partial class BotFrameworkAuthenticator(
    OpenIdMetadata metadata,
    IOptions<BotOptions> options,
    ILogger<BotFrameworkAuthenticator> logger) : IActivityAuthenticator
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<bool> AuthenticateAsync(string? authorizationHeader, IPAddress? remoteAddress, Activity activity, CancellationToken cancellationToken)
    {
        var bot = options.Value;
        if (string.IsNullOrWhiteSpace(authorizationHeader))
        {
            if (bot.AllowLocalUnauthenticated && IsLocal(remoteAddress, activity.ServiceUrl))
            {
                return true;
            }

            return Reject("missing Authorization header", activity);
        }

        var token = BearerToken(authorizationHeader);
        if (token is null)
        {
            return Reject("not a Bearer token", activity);
        }

        if (string.IsNullOrEmpty(bot.AppId))
        {
            return Reject("Bot:AppId is not configured, so no audience can match", activity);
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
            return false;
        }

        if (!result.IsValid)
        {
            return Reject(Describe(result.Exception), activity);
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (!jwt.TryGetPayloadValue<string>("serviceurl", out var claimed) || !SameServiceUrl(claimed, activity.ServiceUrl))
        {
            return Reject("serviceurl claim does not match the activity's serviceUrl", activity);
        }

        var keyId = jwt.SigningKey?.KeyId ?? jwt.Kid;
        if (!IsEndorsed(configuration, keyId, activity.ChannelId))
        {
            return Reject("signing key is not endorsed for the channel", activity);
        }

        return true;
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

    internal static bool IsLocal(IPAddress? remoteAddress, string? serviceUrl)
    {
        if (remoteAddress is null)
        {
            return false;
        }

        if (remoteAddress.IsIPv4MappedToIPv6)
        {
            remoteAddress = remoteAddress.MapToIPv4();
        }

        return IPAddress.IsLoopback(remoteAddress)
            && Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url) && url.IsLoopback;
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

    /// <summary>The JWKS key that signed the token must list the activity's channel id in its endorsements.</summary>
    private static bool IsEndorsed(OpenIdConnectConfiguration configuration, string? keyId, string? channelId)
    {
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(channelId) || configuration.JsonWebKeySet is null)
        {
            return false;
        }

        var key = configuration.JsonWebKeySet.Keys.FirstOrDefault(k => string.Equals(k.Kid, keyId, StringComparison.Ordinal));
        if (key is null || !key.AdditionalData.TryGetValue("endorsements", out var endorsements))
        {
            return false;
        }

        return Strings(endorsements).Contains(channelId, StringComparer.OrdinalIgnoreCase);
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

    private bool Reject(string reason, Activity activity)
    {
        LogRejected(reason, activity.Type, activity.ChannelId);
        return false;
    }

    [LoggerMessage(EventId = 1110, Level = LogLevel.Warning, Message = "Inbound {ActivityType} activity on channel {ChannelId} rejected: {Reason}")]
    private partial void LogRejected(string reason, string? activityType, string? channelId);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Token names an unknown signing key; refreshing OpenID metadata from {Address} once")]
    private partial void LogRefreshingKeys(string address);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Error, Message = "OpenID metadata at {Address} is unavailable; inbound activities are refused until it can be read")]
    private partial void LogMetadataUnavailable(Exception ex, string address);
}

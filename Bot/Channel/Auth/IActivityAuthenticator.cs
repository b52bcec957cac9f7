using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Channel.Auth;

/// <summary>
/// What the bearer token proved before the body was read: the <c>serviceurl</c> claim and the channels the signing
/// key is endorsed for. <see cref="None"/> stands for "no token" (accepted only in local mode, from loopback).
/// </summary>
public sealed record TokenCheck(bool Valid, string? ServiceUrl, IReadOnlyList<string> Endorsements, string? Reason)
{
    public static readonly TokenCheck None = new(false, null, [], "missing Authorization header");

    public static TokenCheck Invalid(string reason) => new(false, null, [], reason);
}

/// <summary>
/// Decides whether an inbound activity really comes from the Bot Framework. In two steps so that the body is never
/// parsed for a request whose token is bad: <see cref="ValidateTokenAsync"/> on the header alone, then
/// <see cref="Refuse"/> once the activity is known (serviceurl claim, channel endorsement).
/// </summary>
public interface IActivityAuthenticator
{
    /// <summary>Signature, issuer, audience, lifetime. Never throws for bad tokens; the caller answers 401.</summary>
    Task<TokenCheck> ValidateTokenAsync(string authorizationHeader, CancellationToken cancellationToken);

    /// <summary>
    /// Null when the activity matches what the token was issued for (serviceurl claim, key endorsed for its channel);
    /// otherwise the reason to refuse it.
    /// </summary>
    string? Refuse(TokenCheck token, Activity activity);
}

using System.Net;
using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Channel.Auth;

/// <summary>Decides whether an inbound activity really comes from the Bot Framework (or, in local mode, from loopback).</summary>
public interface IActivityAuthenticator
{
    /// <summary>True when the request may be processed. Never throws for bad tokens; the caller answers 401.</summary>
    Task<bool> AuthenticateAsync(string? authorizationHeader, IPAddress? remoteAddress, Activity activity, CancellationToken cancellationToken);
}

using System.Net;
using Microsoft.Extensions.Options;
using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Channel.Auth;

/// <summary>
/// Foundation placeholder until JWT validation lands: accepts only local, token-less activities in local
/// mode and refuses everything else.
/// </summary>
public sealed class LocalOnlyAuthenticator(IOptions<BotOptions> options) : IActivityAuthenticator
{
    public Task<bool> AuthenticateAsync(string? authorizationHeader, IPAddress? remoteAddress, Activity activity, CancellationToken cancellationToken)
    {
        var local = options.Value.AllowLocalUnauthenticated
            && remoteAddress is not null && IPAddress.IsLoopback(remoteAddress)
            && Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var url) && url.IsLoopback;
        return Task.FromResult(local);
    }
}

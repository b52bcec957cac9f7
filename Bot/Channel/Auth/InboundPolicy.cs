using System.Net;
using Microsoft.Extensions.Options;
using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Channel.Auth;

/// <summary>
/// Who may talk to the bot at all, beyond a valid token: outside local mode only Teams (<c>channelId</c> msteams),
/// only a user with an Entra object id, only from our tenant(s). In local mode, only a loopback caller that names a
/// loopback Host and sends JSON (a web page the developer visits cannot forge that with a simple request).
/// </summary>
public sealed class InboundPolicy(IOptions<BotOptions> options)
{
    public const string TeamsChannel = "msteams";

    public bool LocalMode => options.Value.AllowLocalUnauthenticated;

    /// <summary>Null when the activity may be processed; otherwise why not (the endpoint answers 403).</summary>
    public string? Refuse(Activity activity)
    {
        if (LocalMode)
        {
            return null;
        }

        if (!string.Equals(activity.ChannelId, TeamsChannel, StringComparison.Ordinal))
        {
            return "channel is not msteams";
        }

        if (string.IsNullOrWhiteSpace(activity.From?.AadObjectId))
        {
            return "from.aadObjectId is missing";
        }

        var tenants = new[] { activity.Conversation?.TenantId, activity.ChannelData?.Tenant?.Id }
            .Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t!.Trim()).ToList();
        if (tenants.Count == 0)
        {
            return "tenant is missing";
        }

        var accepted = options.Value.AcceptedTenants;
        if (accepted.Count == 0)
        {
            return "no tenant is configured (Bot:TenantId, or Bot:AllowedTenantIds for MultiTenant)";
        }

        return tenants.All(t => accepted.Contains(t, StringComparer.OrdinalIgnoreCase)) ? null : "tenant is not ours";
    }

    /// <summary>A token-less request in local mode: loopback caller, loopback Host header, JSON body.</summary>
    public static string? RefuseLocal(HttpRequest request)
    {
        if (!IsLoopback(request.HttpContext.Connection.RemoteIpAddress))
        {
            return "token-less request from a non-loopback address";
        }

        if (!IsLoopbackHost(request.Host))
        {
            return "token-less request with a non-loopback Host header";
        }

        return IsJson(request.ContentType) ? null : "token-less request whose Content-Type is not application/json";
    }

    public static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    internal static bool IsLoopback(IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return IPAddress.IsLoopback(address);
    }

    internal static bool IsLoopbackHost(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host.Trim('[', ']');
        return name.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out var ip) && IPAddress.IsLoopback(ip));
    }

    internal static bool IsLoopbackUrl(string? url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.IsLoopback;
}

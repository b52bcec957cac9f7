using Microsoft.Extensions.Options;

namespace VolunteerBot.Channel.Connector;

/// <summary>
/// Which URLs may receive the bot's token: https on the default port, host one of the configured cloud's
/// Teams/Bot Framework hosts (exact, or under a Microsoft-owned suffix) or <c>Bot:AdditionalServiceUrlHosts</c>;
/// loopback (http or https, any port) only in local mode.
/// </summary>
public sealed class ServiceUrlPolicy(IOptions<BotOptions> options)
{
    public bool MayReceiveToken(Uri url)
    {
        if (!url.IsAbsoluteUri || url.UserInfo.Length > 0)
        {
            return false;
        }

        if (url.IsLoopback)
        {
            return options.Value.AllowLocalUnauthenticated && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
        }

        if (url.Scheme != Uri.UriSchemeHttps || !url.IsDefaultPort)
        {
            return false;
        }

        var host = url.IdnHost.TrimEnd('.').ToLowerInvariant();
        var endpoints = options.Value.Endpoints;
        return endpoints.ServiceUrlHosts.Contains(host, StringComparer.OrdinalIgnoreCase)
            || options.Value.AdditionalServiceUrlHosts.Contains(host, StringComparer.OrdinalIgnoreCase)
            || endpoints.ServiceUrlHostSuffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Pre-authenticated file download hosts (SharePoint/OneDrive of the cloud): fetched without a token.</summary>
    public bool IsFileDownloadHost(Uri url)
    {
        if (!url.IsAbsoluteUri || url.UserInfo.Length > 0 || url.Scheme != Uri.UriSchemeHttps || !url.IsDefaultPort)
        {
            return false;
        }

        var host = url.IdnHost.TrimEnd('.').ToLowerInvariant();
        return options.Value.Endpoints.FileDownloadHostSuffixes.Any(s => host.EndsWith(s, StringComparison.OrdinalIgnoreCase));
    }
}

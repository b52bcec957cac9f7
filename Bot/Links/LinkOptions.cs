namespace VolunteerBot.Links;

/// <summary>The <c>Links</c> configuration section: every download link the bot hands out (certificates, exports, photos, zips).</summary>
public sealed class LinkOptions
{
    public const string Section = "Links";

    /// <summary>
    /// The bot's public address; links read <c>{PublicBaseUrl}/files/{token}</c>. Locally the bot's own URL; infra sets
    /// <c>Links__PublicBaseUrl</c> to <c>https://{web app default host name}</c>. Outside Development it must be https.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:3978";

    /// <summary>How long a link works when its caller does not say (certificates and exports); afterwards 404.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Off switch for the expired-link cleanup in this instance.</summary>
    public bool CleanupEnabled { get; set; } = true;

    /// <summary>How often expired links (and the blobs that existed only for them) are deleted.</summary>
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wait after start before the first cleanup (lets storage initialise first).</summary>
    public TimeSpan CleanupInitialDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The base URL is usable for links given where the bot runs.</summary>
    public bool IsValidBaseUrl(bool development) =>
        Uri.TryCreate(PublicBaseUrl, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (development && uri.Scheme == Uri.UriSchemeHttp))
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment);
}

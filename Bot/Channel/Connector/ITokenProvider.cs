namespace VolunteerBot.Channel.Connector;

/// <summary>The bot's outbound (bot → channel) access token.</summary>
public interface ITokenProvider
{
    /// <summary>False when no credential is configured (a local run against the Playground).</summary>
    bool HasCredential { get; }

    /// <summary>A token for the cloud's Bot Framework scope, cached until near expiry.</summary>
    Task<string> GetTokenAsync(CancellationToken cancellationToken);
}

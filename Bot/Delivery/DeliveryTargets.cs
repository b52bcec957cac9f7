using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace VolunteerBot.Delivery;

/// <summary>
/// How a single message (not a reminder run) is named on the delivery path. A person is their Entra object id; a
/// team channel is "channel|{teamId}|{channelId}". The run id (the delivery row's partition) is derived from the
/// dedupe key, so the same key always names the same row and is sent at most once.
/// </summary>
public static class DeliveryTargets
{
    private const string ChannelPrefix = "channel|";

    /// <summary>Run ids of single messages start with this (reminder runs start with a quarter, "2026Q4-…").</summary>
    public const string MessageRunPrefix = "msg-";

    public static string Channel(string teamId, string channelId) => ChannelPrefix + teamId + "|" + channelId;

    public static bool TryParseChannel(string recipientId, [NotNullWhen(true)] out string? teamId, [NotNullWhen(true)] out string? channelId)
    {
        teamId = channelId = null;
        if (!recipientId.StartsWith(ChannelPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = recipientId[ChannelPrefix.Length..];
        var bar = rest.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || bar == rest.Length - 1)
        {
            return false;
        }

        (teamId, channelId) = (rest[..bar], rest[(bar + 1)..]);
        return true;
    }

    /// <summary>The delivery row's partition for a dedupe key: a hash, because keys may hold any characters.</summary>
    public static string RunIdFor(string dedupeKey) =>
        MessageRunPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dedupeKey)))[..32];
}

using System.Globalization;
using Azure.Data.Tables;

namespace VolunteerBot.Storage;

/// <summary>Maps the replay rows (<c>Idempotency</c>) and their expiry index rows (<c>IdempotencyExpiry</c>) to table entities; their keys.</summary>
internal static class InvokeReplayEntities
{
    public static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>Both escaped keys, with '|' escaped too, so the separator is unambiguous.</summary>
    public static string IndexKey(string pk, string rk) =>
        pk.Replace("|", "%7C", StringComparison.Ordinal) + "|" + rk.Replace("|", "%7C", StringComparison.Ordinal);

    /// <summary>The expiry row of a claim made at <paramref name="now"/>; <paramref name="pk"/>, <paramref name="rk"/> are the replay row's escaped keys.</summary>
    public static TableEntity ExpiryRow(DateTimeOffset now, string pk, string rk) => new(Hour(now), IndexKey(pk, rk))
    {
        ["ReplayPartition"] = pk,
        ["ReplayRow"] = rk,
    };

    /// <summary>The replay row's keys an expiry row points at.</summary>
    public static (string Partition, string Row) ReplayKeysOf(TableEntity expiry) =>
        (expiry.GetString("ReplayPartition") ?? "", expiry.GetString("ReplayRow") ?? "");

    public static TableEntity Claim(string pk, string rk, DateTimeOffset at) => new(pk, rk) { ["ClaimedAt"] = at };

    /// <summary>A merge onto the claim: the answer at rest (links replaced by placeholders) and what the links pointed to.</summary>
    public static TableEntity Completion(string conversationId, string activityId, string? response, string? links, DateTimeOffset at) =>
        new(TableKeys.Escape(conversationId), TableKeys.Escape(activityId))
        {
            ["Response"] = response,
            ["Links"] = links,
            ["CompletedAt"] = at,
        };

    public static string? ResponseOf(TableEntity e) => e.GetString("Response");

    public static string? LinksOf(TableEntity e) => e.GetString("Links");
}

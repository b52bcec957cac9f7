using VolunteerBot.Channel;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using static VolunteerBot.Storage.InvokeReplayEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>Idempotency</c>: PartitionKey = conversation id, RowKey = activity id. Teams retries an invoke
/// with the same activity id when the first answer was slow; the first one claims the row, a replay
/// gets the stored card back and runs nothing twice.
/// Table <c>IdempotencyExpiry</c>: PartitionKey = the claim's UTC hour ("yyyyMMddHH"), RowKey = the replay row's keys;
/// written before the claim, so every replay row is found by the cleanup in the partitions of hours past retention
/// (a key range, never a scan of the replay table). Rows from before the index existed are removed once per process
/// by a filtered scan (<see cref="DeleteUnindexedAsync"/>).
/// No working download token is kept at rest: a stored answer has each link replaced by a placeholder, and column
/// <c>Links</c> holds what each link pointed to (kind, blob, expiry), never its token. A replay mints a fresh link
/// to the same blob, expiring when the original did; a link already expired stays a dead placeholder (its page asks
/// the user for a new link).
/// </summary>
public sealed partial class InvokeReplayStore(StorageAccount account, TimeProvider time, IOptions<ReplayOptions> options, Links.DownloadLinks? links = null) : IInvokeReplays
{
    private const int MaxStoredChars = 30_000;
    private const int MaxBatch = 100;
    private readonly TableClient _table = account.Table(StorageNames.Idempotency);
    private readonly TableClient _expiry = account.Table(StorageNames.IdempotencyExpiry);

    /// <summary>True when this activity is new and now claimed; false when it was seen before.</summary>
    public async Task<bool> TryClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var (pk, rk) = (TableKeys.Escape(conversationId), TableKeys.Escape(activityId));

        // The expiry row first: a claim without one would never be cleaned up; an expiry row without a claim is harmless.
        await _expiry.UpsertEntityAsync(ExpiryRow(now, pk, rk), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.AddEntityAsync(Claim(pk, rk, now), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task CompleteAsync(string conversationId, string activityId, string? responseJson, CancellationToken cancellationToken)
    {
        string? response = null;
        string? targets = null;
        if (responseJson is { Length: <= MaxStoredChars })
        {
            (response, targets) = await ToRestAsync(responseJson, cancellationToken).ConfigureAwait(false);
        }

        await _table.UpsertEntityAsync(Completion(conversationId, activityId, response, targets, time.GetUtcNow()), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The answer with every link token replaced by <c>/files/replayed-N</c>, and the targets N points at.</summary>
    private async Task<(string Response, string? Targets)> ToRestAsync(string json, CancellationToken ct)
    {
        if (links is null || !DownloadToken().IsMatch(json))
        {
            return (StripDownloadTokens(json), null);
        }

        var targets = new List<ReplayLink>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var replacements = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var token in DownloadToken().Matches(json).Select(m => m.Value[Links.DownloadLinks.PathPrefix.Length..]).Distinct(StringComparer.Ordinal))
        {
            var resolved = await links.ResolveAsync(token, ct).ConfigureAwait(false);
            if (resolved is null)
            {
                replacements[token] = ReplayedToken;
                continue;
            }

            index[token] = targets.Count;
            replacements[token] = ReplayedToken + "-" + targets.Count.ToString(CultureInfo.InvariantCulture);
            targets.Add(new ReplayLink(resolved.Kind, resolved.Target.Container, resolved.Target.BlobName, resolved.Target.ContentType,
                resolved.Target.FileName, resolved.Target.Inline, resolved.Target.OwnsBlob, resolved.ExpiresAt));
        }

        var response = DownloadToken().Replace(json, m => Links.DownloadLinks.PathPrefix + replacements[m.Value[Links.DownloadLinks.PathPrefix.Length..]]);
        return (response, targets.Count == 0 ? null : System.Text.Json.JsonSerializer.Serialize(targets, ReplayJson));
    }

    /// <summary>The stored answer with a fresh link minted for every placeholder whose original has not expired.</summary>
    private async Task<string> FromRestAsync(string response, string? targetsJson, CancellationToken ct)
    {
        if (links is null || string.IsNullOrEmpty(targetsJson))
        {
            return response;
        }

        var targets = System.Text.Json.JsonSerializer.Deserialize<List<ReplayLink>>(targetsJson, ReplayJson) ?? [];
        var minted = new string[targets.Count];
        var now = time.GetUtcNow();
        for (var i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            minted[i] = t.ExpiresAt <= now
                ? ReplayedToken
                : Links.DownloadLinks.TokenOf((await links.ReissueAsync(t.Kind, new Links.LinkTarget(t.Container, t.BlobName, t.ContentType, t.FileName)
                {
                    Inline = t.Inline,
                    OwnsBlob = t.OwnsBlob,
                }, t.ExpiresAt, ct).ConfigureAwait(false)).Url);
        }

        return Placeholder().Replace(response, m =>
            int.TryParse(m.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < minted.Length
                ? Links.DownloadLinks.PathPrefix + minted[i]
                : Links.DownloadLinks.PathPrefix + ReplayedToken);
    }

    private static readonly System.Text.Json.JsonSerializerOptions ReplayJson = new(System.Text.Json.JsonSerializerDefaults.Web);

    /// <summary>What a link in a stored answer pointed to: enough to mint a new one, nothing that opens the old one.</summary>
    private sealed record ReplayLink(string Kind, string Container, string BlobName, string ContentType, string FileName, bool Inline, bool OwnsBlob, DateTimeOffset ExpiresAt);

    [System.Text.RegularExpressions.GeneratedRegex(@"/files/replayed-([0-9]{1,4})")]
    private static partial System.Text.RegularExpressions.Regex Placeholder();

    /// <summary>
    /// No working download token at rest: a stored answer keeps its links' shape but not their tokens, so a replay shows
    /// the card and a tap on a link lands on the "ask the bot for a new link" page.
    /// </summary>
    public static string StripDownloadTokens(string json) => DownloadToken().Replace(json, "/files/" + ReplayedToken);

    /// <summary>What a token becomes in a stored answer (not a well-formed token, so it never resolves).</summary>
    public const string ReplayedToken = "replayed";

    [System.Text.RegularExpressions.GeneratedRegex(@"/files/[0-9]{10}[A-Za-z0-9_-]{43}")]
    private static partial System.Text.RegularExpressions.Regex DownloadToken();

    /// <summary>A claimed turn that did not finish (the handler failed) may be tried again.</summary>
    public async Task ReleaseAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        await _table.DeleteEntityAsync(TableKeys.Escape(conversationId), TableKeys.Escape(activityId), ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string?> GetResponseAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(conversationId), TableKeys.Escape(activityId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || ResponseOf(row.Value!) is not { } response)
        {
            return null;
        }

        return await FromRestAsync(response, LinksOf(row.Value!), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the replay rows claimed in hours that ended before now − retention, then their expiry rows (batches of at
    /// most 100 per hour partition). Idempotent: a row deleted meanwhile (404) is skipped. Returns the replay rows seen.
    /// </summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var cutoff = Hour(time.GetUtcNow() - options.Value.Retention);
        var expired = new List<TableEntity>();
        await foreach (var e in _expiry.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey lt {cutoff}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            expired.Add(e);
        }

        await Parallel.ForEachAsync(expired, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (e, ct) =>
        {
            var (partition, row) = ReplayKeysOf(e);
            await DeleteIfExistsAsync(_table, partition, row, ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        foreach (var hour in expired.GroupBy(e => e.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in hour.Chunk(MaxBatch))
            {
                try
                {
                    await _expiry.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Delete, e, ETag.All)), cancellationToken).ConfigureAwait(false);
                }
                catch (TableTransactionFailedException)
                {
                    // Another instance's cleanup deleted some of them first: delete the rest one by one.
                    foreach (var e in chunk)
                    {
                        await DeleteIfExistsAsync(_expiry, e.PartitionKey, e.RowKey, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        return expired.Count;
    }

    /// <summary>Replay rows claimed before now − retention, found by a filtered scan: for rows written before the expiry index.</summary>
    public async Task<int> DeleteUnindexedAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        var deleted = 0;
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"ClaimedAt lt {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            await DeleteIfExistsAsync(_table, e.PartitionKey, e.RowKey, cancellationToken).ConfigureAwait(false);
            deleted++;
        }

        return deleted;
    }

    private static async Task DeleteIfExistsAsync(TableClient table, string pk, string rk, CancellationToken ct)
    {
        try
        {
            await table.DeleteEntityAsync(pk, rk, ETag.All, ct).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Released by a failed turn, or deleted by another instance's cleanup.
        }
    }
}

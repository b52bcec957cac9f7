using VolunteerBot.Channel;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>Idempotency</c>: PartitionKey = conversation id, RowKey = activity id. Teams retries an invoke
/// with the same activity id when the first answer was slow; the first one claims the row, a replay
/// gets the stored card back and runs nothing twice.
/// Table <c>IdempotencyExpiry</c>: PartitionKey = the claim's UTC hour ("yyyyMMddHH"), RowKey = the replay row's keys;
/// written before the claim, so every replay row is found by the cleanup in the partitions of hours past retention
/// (a key range, never a scan of the replay table). Rows from before the index existed are removed once per process
/// by a filtered scan (<see cref="DeleteUnindexedAsync"/>).
/// </summary>
public sealed partial class InvokeReplayStore(StorageAccount account, TimeProvider time, IOptions<ReplayOptions> options) : IInvokeReplays
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
        await _expiry.UpsertEntityAsync(new TableEntity(Hour(now), IndexKey(pk, rk))
        {
            ["ReplayPartition"] = pk,
            ["ReplayRow"] = rk,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.AddEntityAsync(new TableEntity(pk, rk) { ["ClaimedAt"] = now }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task CompleteAsync(string conversationId, string activityId, string? responseJson, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(TableKeys.Escape(conversationId), TableKeys.Escape(activityId))
        {
            ["Response"] = responseJson is { Length: <= MaxStoredChars } ? StripDownloadTokens(responseJson) : null,
            ["CompletedAt"] = time.GetUtcNow(),
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
    }

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
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(conversationId), TableKeys.Escape(activityId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value!.GetString("Response") : null;
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
            await DeleteIfExistsAsync(_table, e.GetString("ReplayPartition") ?? "", e.GetString("ReplayRow") ?? "", ct).ConfigureAwait(false)).ConfigureAwait(false);
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

    private static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture);

    /// <summary>Both escaped keys, with '|' escaped too, so the separator is unambiguous.</summary>
    private static string IndexKey(string pk, string rk) =>
        pk.Replace("|", "%7C", StringComparison.Ordinal) + "|" + rk.Replace("|", "%7C", StringComparison.Ordinal);

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

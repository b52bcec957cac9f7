using System.Collections.Concurrent;
using VolunteerBot.Channel;
using Azure;
using Azure.Data.Tables;
using static VolunteerBot.Storage.ConversationReferenceEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>ConversationRefs</c>. PartitionKey "personal", RowKey = user's Entra object id: one point
/// read per proactive message (a large reminder fan-out reads the partition once instead). PartitionKey "team", RowKey = team id: the channels the app is installed in.
/// PartitionKey "groupChat", RowKey = conversation id.
/// Each instance remembers what it last wrote or read per row, so <see cref="RefreshAsync"/> (every message and
/// card action) writes only a changed reference. What another instance changed (a 403 marking a user unreachable,
/// an uninstall) is seen here after at most <see cref="KnownFor"/>; changes made through this instance at once.
/// </summary>
public sealed class ConversationReferenceTableStore(StorageAccount account, TimeProvider? time = null) : IConversationReferenceStore
{
    /// <summary>How long a remembered row counts as what storage holds.</summary>
    public static readonly TimeSpan KnownFor = TimeSpan.FromSeconds(60);

    private const int MaxKnown = 20_000;
    private readonly TableClient _table = account.Table(StorageNames.ConversationRefs);
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<(string Pk, string Rk), Known> _known = new();

    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken) =>
        WriteAsync(reference, onlyIfChanged: false, cancellationToken);

    public Task RefreshAsync(ConversationReference reference, CancellationToken cancellationToken) =>
        WriteAsync(reference, onlyIfChanged: true, cancellationToken);

    private async Task WriteAsync(ConversationReference reference, bool onlyIfChanged, CancellationToken cancellationToken)
    {
        var (pk, rawRk) = KeysOf(reference);
        if (rawRk is null)
        {
            return;
        }

        var key = (pk, TableKeys.Escape(rawRk));
        var now = _time.GetUtcNow();
        var known = _known.TryGetValue(key, out var k) && now - k.At < KnownFor ? k.Reference : null;
        var after = Merge(known, reference);
        if (onlyIfChanged && after == known)
        {
            return;
        }

        var entity = ToEntity(key.Item1, key.Item2, reference);

        // Merge: a message refreshes the reference without erasing fields an install event set (team name …).
        foreach (var name in entity.Keys.ToList().Where(n => entity[n] is null))
        {
            entity.Remove(name);
        }

        try
        {
            await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _known.TryRemove(key, out _);
            throw;
        }

        Remember(key, after, now);
    }

    public Task<ConversationReference?> GetPersonalAsync(string aadObjectId, CancellationToken cancellationToken) =>
        GetAsync(Personal, aadObjectId, cancellationToken);

    public async Task<IReadOnlyDictionary<string, ConversationReference>> GetPersonalManyAsync(IReadOnlySet<string> aadObjectIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, ConversationReference>(StringComparer.OrdinalIgnoreCase);
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Personal, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (e.GetString("AadObjectId") is { } id && aadObjectIds.Contains(id))
            {
                found[id] = ToReference(e);
            }
        }

        return found;
    }

    public Task<ConversationReference?> GetTeamAsync(string teamId, CancellationToken cancellationToken) =>
        GetAsync(Team, teamId, cancellationToken);

    public async Task<IReadOnlyList<ConversationReference>> ListTeamsAsync(CancellationToken cancellationToken)
    {
        var list = new List<ConversationReference>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Team, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToReference(e));
        }

        return list;
    }

    public async Task SetActiveAsync(string conversationType, string key, bool active, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(PartitionOf(conversationType), TableKeys.Escape(key)) { ["Active"] = active };
        _known.TryRemove((entity.PartitionKey, entity.RowKey), out _);
        try
        {
            await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Nothing stored for it: nothing to deactivate.
        }
    }

    public async Task MarkUnreachableAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Personal, TableKeys.Escape(aadObjectId)) { ["Unreachable"] = true };
        _known.TryRemove((entity.PartitionKey, entity.RowKey), out _);
        try
        {
            await _table.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
        }
    }

    private async Task<ConversationReference?> GetAsync(string pk, string rk, CancellationToken cancellationToken)
    {
        var key = (pk, TableKeys.Escape(rk));
        var now = _time.GetUtcNow();
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(key.Item1, key.Item2, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            _known.TryRemove(key, out _);
            return null;
        }

        var reference = ToReference(response.Value!);
        Remember(key, reference, now);
        return reference;
    }

    private void Remember((string, string) key, ConversationReference reference, DateTimeOffset at)
    {
        if (_known.Count >= MaxKnown)
        {
            // Bounded: forgetting only costs one write on the next turn of each conversation.
            _known.Clear();
        }

        _known[key] = new Known(reference with { UpdatedAt = default }, at);
    }

    /// <summary>What the row holds after a merge upsert of <paramref name="update"/> onto <paramref name="known"/>
    /// (null fields are not written, so they keep the stored value). UpdatedAt is left out of the comparison.</summary>
    private static ConversationReference Merge(ConversationReference? known, ConversationReference update) =>
        update.Over(known) with { UpdatedAt = default };

    private sealed record Known(ConversationReference Reference, DateTimeOffset At);
}

using VolunteerBot.Channel;
using Azure;
using Azure.Data.Tables;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>ConversationRefs</c>. PartitionKey "personal", RowKey = user's Entra object id: one point
/// read per proactive message (a large reminder fan-out reads the partition once instead). PartitionKey "team", RowKey = team id: the channels the app is installed in.
/// PartitionKey "groupChat", RowKey = conversation id.
/// </summary>
public sealed class ConversationReferenceTableStore(StorageAccount account) : IConversationReferenceStore
{
    private const string Personal = "personal";
    private const string Team = "team";
    private const string GroupChat = "groupChat";
    private readonly TableClient _table = account.Table(StorageNames.ConversationRefs);

    public async Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        var (pk, rk) = KeysOf(reference);
        if (rk is null)
        {
            return;
        }

        var entity = new TableEntity(pk, TableKeys.Escape(rk))
        {
            ["ConversationId"] = reference.ConversationId,
            ["ConversationType"] = reference.ConversationType,
            ["ServiceUrl"] = reference.ServiceUrl,
            ["TenantId"] = reference.TenantId,
            ["AadObjectId"] = reference.AadObjectId,
            ["ChannelUserId"] = reference.ChannelUserId,
            ["UserName"] = reference.UserName,
            ["BotId"] = reference.BotId,
            ["BotName"] = reference.BotName,
            ["TeamId"] = reference.TeamId,
            ["TeamName"] = reference.TeamName,
            ["ChannelId"] = reference.ChannelId,
            ["Active"] = reference.Active,
            ["Unreachable"] = reference.Unreachable,
            ["UpdatedAt"] = reference.UpdatedAt,
        };

        // Merge: a message refreshes the reference without erasing fields an install event set (team name …).
        foreach (var key in entity.Keys.ToList().Where(k => entity[k] is null))
        {
            entity.Remove(key);
        }

        await _table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
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
                found[id] = Map(e);
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
            list.Add(Map(e));
        }

        return list;
    }

    public async Task SetActiveAsync(string conversationType, string key, bool active, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(PartitionOf(conversationType), TableKeys.Escape(key)) { ["Active"] = active };
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
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(pk, TableKeys.Escape(rk), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? Map(response.Value!) : null;
    }

    private static string PartitionOf(string conversationType) => conversationType switch
    {
        "personal" => Personal,
        "channel" => Team,
        _ => GroupChat,
    };

    private static (string Pk, string? Rk) KeysOf(ConversationReference r) => r.ConversationType switch
    {
        "personal" => (Personal, r.AadObjectId),
        "channel" => (Team, r.TeamId ?? r.ConversationId),
        _ => (GroupChat, r.ConversationId),
    };

    private static ConversationReference Map(TableEntity e) => new()
    {
        ConversationId = e.GetString("ConversationId") ?? "",
        ConversationType = e.GetString("ConversationType") ?? "",
        ServiceUrl = e.GetString("ServiceUrl") ?? "",
        TenantId = e.GetString("TenantId") ?? "",
        AadObjectId = e.GetString("AadObjectId"),
        ChannelUserId = e.GetString("ChannelUserId"),
        UserName = e.GetString("UserName"),
        BotId = e.GetString("BotId"),
        BotName = e.GetString("BotName"),
        TeamId = e.GetString("TeamId"),
        TeamName = e.GetString("TeamName"),
        ChannelId = e.GetString("ChannelId"),
        Active = e.GetBoolean("Active") ?? true,
        Unreachable = e.GetBoolean("Unreachable") ?? false,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
    };
}

using VolunteerBot.Channel;

namespace VolunteerBot.Tests.Fakes;

/// <summary>
/// The one in-memory IConversationReferenceStore (unit tests only); runs the same contract suite as
/// ConversationReferenceTableStore. Rows are keyed as the table keys them (personal by Entra object id, a channel by team id,
/// anything else by conversation id); a write merges (null fields keep what is stored); a refresh writes only a change.
/// </summary>
public sealed class MemoryConversationReferenceStore : IConversationReferenceStore
{
    private const string Personal = "personal";
    private const string Team = "team";
    private const string GroupChat = "groupChat";
    private readonly object _gate = new();
    private readonly Dictionary<(string Partition, string Key), ConversationReference> _rows = [];

    public Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken) => Write(reference, onlyIfChanged: false);

    public Task RefreshAsync(ConversationReference reference, CancellationToken cancellationToken) => Write(reference, onlyIfChanged: true);

    public Task<ConversationReference?> GetPersonalAsync(string aadObjectId, CancellationToken cancellationToken) => Get(Personal, aadObjectId);

    public Task<IReadOnlyDictionary<string, ConversationReference>> GetPersonalManyAsync(IReadOnlySet<string> aadObjectIds, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var found = new Dictionary<string, ConversationReference>(StringComparer.OrdinalIgnoreCase);
            foreach (var ((partition, _), row) in _rows)
            {
                if (partition == Personal && row.AadObjectId is { } id && aadObjectIds.Contains(id))
                {
                    found[id] = row;
                }
            }

            return Task.FromResult<IReadOnlyDictionary<string, ConversationReference>>(found);
        }
    }

    public Task<ConversationReference?> GetTeamAsync(string teamId, CancellationToken cancellationToken) => Get(Team, teamId);

    public Task<IReadOnlyList<ConversationReference>> ListTeamsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ConversationReference>>(
                [.. _rows.Where(kv => kv.Key.Partition == Team).OrderBy(kv => kv.Key.Key, StringComparer.Ordinal).Select(kv => kv.Value)]);
        }
    }

    public Task SetActiveAsync(string conversationType, string key, bool active, CancellationToken cancellationToken) =>
        Update((PartitionOf(conversationType), key), r => r with { Active = active });

    public Task MarkUnreachableAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Update((Personal, aadObjectId), r => r with { Unreachable = true });

    private Task Write(ConversationReference reference, bool onlyIfChanged)
    {
        var (partition, key) = KeysOf(reference);
        if (key is null)
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            var stored = _rows.GetValueOrDefault((partition, key));
            var after = reference.Over(stored);
            if (onlyIfChanged && stored is not null && after with { UpdatedAt = default } == stored with { UpdatedAt = default })
            {
                return Task.CompletedTask;
            }

            _rows[(partition, key)] = after;
            return Task.CompletedTask;
        }
    }

    private Task<ConversationReference?> Get(string partition, string key)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault((partition, key)));
        }
    }

    /// <summary>Changes a stored row; nothing stored, nothing to change.</summary>
    private Task Update((string, string) key, Func<ConversationReference, ConversationReference> change)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue(key, out var row))
            {
                _rows[key] = change(row);
                }

            return Task.CompletedTask;
        }
    }

    private static string PartitionOf(string conversationType) => conversationType switch
    {
        "personal" => Personal,
        "channel" => Team,
        _ => GroupChat,
    };

    private static (string Partition, string? Key) KeysOf(ConversationReference r) => r.ConversationType switch
    {
        "personal" => (Personal, r.AadObjectId),
        "channel" => (Team, r.TeamId ?? r.ConversationId),
        _ => (GroupChat, r.ConversationId),
    };
}

using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>Staff</c>: PartitionKey "staff", RowKey = Entra object id. The department's serving staff (a few
/// hundred rows) imported from Teams team member lists; read as one partition to find who has not registered.
/// Writes go in transactions of at most 100 rows. See docs/storage.md.
/// </summary>
public sealed class StaffTableStore(StorageAccount account) : IStaffStore
{
    internal const string Partition = "staff";
    private const int MaxBatch = 100;
    private readonly TableClient _table = account.Table(StorageNames.Staff);

    public async Task<StaffImportResult> ImportAsync(string teamId, IReadOnlyList<StaffMember> members, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var existing = (await ListAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(s => s.AadObjectId, StringComparer.OrdinalIgnoreCase);
        var added = 0;
        var actions = new List<TableTransactionAction>();
        foreach (var member in members.DistinctBy(m => m.AadObjectId, StringComparer.OrdinalIgnoreCase))
        {
            existing.TryGetValue(member.AadObjectId, out var before);
            if (before is null)
            {
                added++;
            }

            var record = new StaffRecord
            {
                AadObjectId = member.AadObjectId,
                Name = member.Name,
                Email = member.Email ?? before?.Email,
                TeamIds = before is null ? [teamId] : before.TeamIds.Contains(teamId) ? before.TeamIds : [.. before.TeamIds, teamId],
                FirstImportedAt = before?.FirstImportedAt ?? at,
                LastImportedAt = at,
                LastInvitedAt = before?.LastInvitedAt,
            };

            // Merge keeps an invitation stamp written meanwhile; every field we own is rewritten.
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertMerge, ToEntity(record)));
        }

        await SubmitInChunksAsync(actions, cancellationToken).ConfigureAwait(false);
        return new StaffImportResult(actions.Count, added);
    }

    public async Task<IReadOnlyList<StaffRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<StaffRecord>();
        await foreach (var e in _table.QueryAsync<TableEntity>($"PartitionKey eq '{Partition}'", cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(Map(e));
        }

        return list;
    }

    public async Task MarkInvitedAsync(IReadOnlyCollection<string> aadObjectIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var actions = aadObjectIds.Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(id => new TableTransactionAction(TableTransactionActionType.UpsertMerge, new TableEntity(Partition, TableKeys.Escape(id)) { ["LastInvitedAt"] = at }))
            .ToList();
        await SubmitInChunksAsync(actions, cancellationToken).ConfigureAwait(false);
    }

    public Task MarkOptedOutAsync(string aadObjectId, DateTimeOffset at, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(Partition, TableKeys.Escape(aadObjectId)) { ["AadObjectId"] = aadObjectId, ["OptedOutAt"] = at },
            TableUpdateMode.Merge, cancellationToken);

    private async Task SubmitInChunksAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        foreach (var chunk in actions.Chunk(MaxBatch))
        {
            await _table.SubmitTransactionAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TableEntity ToEntity(StaffRecord s)
    {
        var entity = new TableEntity(Partition, TableKeys.Escape(s.AadObjectId))
        {
            ["AadObjectId"] = s.AadObjectId,
            ["Name"] = s.Name,
            ["TeamIds"] = string.Join(',', s.TeamIds),
            ["FirstImportedAt"] = s.FirstImportedAt,
            ["LastImportedAt"] = s.LastImportedAt,
        };
        if (s.Email is not null)
        {
            entity["Email"] = s.Email;
        }

        return entity;
    }

    private static StaffRecord Map(TableEntity e) => new()
    {
        AadObjectId = e.GetString("AadObjectId") ?? e.RowKey,
        Name = e.GetString("Name") ?? "",
        Email = e.GetString("Email"),
        TeamIds = (e.GetString("TeamIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        FirstImportedAt = e.GetDateTimeOffset("FirstImportedAt") ?? default,
        LastImportedAt = e.GetDateTimeOffset("LastImportedAt") ?? default,
        LastInvitedAt = e.GetDateTimeOffset("LastInvitedAt"),
        LeftAt = e.GetDateTimeOffset("LeftAt"),
        OptedOutAt = e.GetDateTimeOffset("OptedOutAt"),
    };
}

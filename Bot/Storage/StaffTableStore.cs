using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;
using static VolunteerBot.Storage.StaffEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>Staff</c>: PartitionKey "staff", RowKey = Entra object id. The department's serving staff (a few
/// hundred rows) imported from Teams team member lists; read as one partition to find who has not registered.
/// Writes go in transactions of at most 100 rows. See docs/storage.md.
/// </summary>
public sealed class StaffTableStore(StorageAccount account) : IStaffStore
{
    private const int MaxBatch = 100;
    private readonly TableClient _table = account.Table(StorageNames.Staff);

    public async Task<StaffImportResult> ImportAsync(string teamId, IReadOnlyList<StaffMember> members, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var existing = await ListAsync(cancellationToken).ConfigureAwait(false);
        var (changed, result) = StaffRoster.Import(existing, teamId, members, at);

        // Merge keeps an invitation stamp written meanwhile; every field the import owns is rewritten.
        await SubmitInChunksAsync([.. changed.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertMerge, ToEntity(r)))], cancellationToken).ConfigureAwait(false);
        return result;
    }

    public async Task<StaffRecord?> GetAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(aadObjectId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? ToStaff(response.Value!) : null;
    }

    public async Task MarkUnreachableAsync(string aadObjectId, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, TableKeys.Escape(aadObjectId)) { ["UnreachableReason"] = reason ?? "", ["UnreachableAt"] = reason is null ? null : at };
        try
        {
            await _table.UpdateEntityAsync(entity, Azure.ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // Not on the roster (a volunteer who is not staff): the delivery row keeps the reason.
        }
    }

    public async Task<IReadOnlyList<StaffRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<StaffRecord>();
        await foreach (var e in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToStaff(e));
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
}

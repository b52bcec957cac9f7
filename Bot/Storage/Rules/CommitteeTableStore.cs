using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;
using static VolunteerBot.Storage.Rules.CommitteeEntities;

namespace VolunteerBot.Storage.Rules;

/// <summary>
/// Table <c>CommitteeMembers</c>: PartitionKey <c>committee</c>; RowKey <c>m-{aadObjectId}</c> per member added in chat and
/// <c>meta</c> (the member count). Every add and remove changes the member row and the meta row in one transaction
/// guarded by the meta row's ETag, so concurrent removals are serialised and the "keep one" check holds.
/// </summary>
public sealed class CommitteeTableStore(StorageAccount account) : ICommitteeStore
{
    private static readonly string MembersFilter = TableClient.CreateQueryFilter($"PartitionKey eq {Pk} and RowKey ge {"m-"} and RowKey lt {"m."}");
    private readonly TableClient _table = account.Table(StorageNames.CommitteeMembers);

    public async Task<IReadOnlyList<CommitteeMember>> ListAsync(CancellationToken cancellationToken)
    {
        var list = new List<CommitteeMember>();
        await foreach (var e in _table.QueryAsync<TableEntity>(MembersFilter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToMember(e));
        }

        return list.OrderBy(m => m.AddedAt).ToList();
    }

    public Task<bool> AddAsync(CommitteeMember member, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RunAsync(async ct =>
        {
            var (meta, count) = await MetaAsync(ct).ConfigureAwait(false);
            if (await ExistsAsync(member.AadObjectId, ct).ConfigureAwait(false))
            {
                return false;
            }

            await _table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, ToEntity(member)),
                MetaAction(meta, count + 1),
            ], ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<CommitteeRemoval> RemoveAsync(string aadObjectId, bool keepOne, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RunAsync(async ct =>
        {
            var (meta, count) = await MetaAsync(ct).ConfigureAwait(false);
            if (!await ExistsAsync(aadObjectId, ct).ConfigureAwait(false))
            {
                return CommitteeRemoval.NotMember;
            }

            if (keepOne && count <= 1)
            {
                return CommitteeRemoval.LastMember;
            }

            await _table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Delete, new TableEntity(Pk, Row(aadObjectId)), ETag.All),
                MetaAction(meta, Math.Max(0, count - 1)),
            ], ct).ConfigureAwait(false);
            return CommitteeRemoval.Removed;
        }, cancellationToken);

    private async Task<(TableEntity? Meta, int Count)> MetaAsync(CancellationToken ct)
    {
        var meta = await _table.GetEntityIfExistsAsync<TableEntity>(Pk, "meta", cancellationToken: ct).ConfigureAwait(false);
        if (meta.HasValue)
        {
            return (meta.Value, meta.Value!.GetInt32("Count") ?? 0);
        }

        // First change: count what is there (rows written before the meta row existed).
        var count = 0;
        await foreach (var _ in _table.QueryAsync<TableEntity>(MembersFilter, select: ["RowKey"], cancellationToken: ct).ConfigureAwait(false))
        {
            count++;
        }

        return (null, count);
    }

    private static TableTransactionAction MetaAction(TableEntity? meta, int count) => meta is null
        ? new(TableTransactionActionType.Add, new TableEntity(Pk, "meta") { ["Count"] = count })
        : new(TableTransactionActionType.UpdateReplace, new TableEntity(Pk, "meta") { ["Count"] = count }, meta.ETag);

    private async Task<bool> ExistsAsync(string aadObjectId, CancellationToken ct) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(Pk, Row(aadObjectId), select: ["RowKey"], cancellationToken: ct).ConfigureAwait(false)).HasValue;
}

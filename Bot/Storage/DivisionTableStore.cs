using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;
using static VolunteerBot.Storage.DivisionEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>Divisions</c>, one partition "division" (a few dozen rows): RowKey "id:{id}" holds a division,
/// RowKey "name:{normalized name}" reserves its name. Create and rename write both in one transaction, so two
/// divisions can never share a name. See docs/storage.md.
/// </summary>
public sealed class DivisionTableStore(StorageAccount account) : IDivisionStore
{
    private const string NamePrefix = "name:";
    private readonly TableClient _table = account.Table(StorageNames.Divisions);

    public async Task<Division?> GetAsync(string divisionId, CancellationToken cancellationToken)
    {
        var entity = await GetEntityAsync(divisionId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToDivision(entity);
    }

    public async Task<IReadOnlyList<Division>> ListAsync(bool includeArchived, CancellationToken cancellationToken)
    {
        var list = new List<Division>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {IdPrefix} and RowKey lt {"id;"}");
        await foreach (var e in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var division = ToDivision(e);
            if (includeArchived || !division.Archived)
            {
                list.Add(division);
            }
        }

        return list.OrderBy(d => d.Archived).ThenBy(d => d.CreatedAt).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<DivisionChange> CreateAsync(string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var nameRow = NameRow(name);
        var reserved = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, nameRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (reserved.HasValue)
        {
            return DivisionChange.Fail(DivisionError.NameTaken, await GetAsync(reserved.Value!.GetString("DivisionId") ?? "", cancellationToken).ConfigureAwait(false));
        }

        var division = new Division { Id = NewId(), Name = name, CreatedAt = at };
        try
        {
            await _table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, nameRow) { ["DivisionId"] = division.Id }),
                new TableTransactionAction(TableTransactionActionType.Add, ToEntity(division)),
            ], cancellationToken).ConfigureAwait(false);
            return DivisionChange.Ok(division);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            // Someone reserved the name between our read and our write.
            return await CreateAsync(name, at, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<DivisionChange> RenameAsync(string divisionId, string newName, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RunAsync(async ct =>
        {
            var entity = await GetEntityAsync(divisionId, ct).ConfigureAwait(false);
            if (entity is null)
            {
                return DivisionChange.Fail(DivisionError.NotFound);
            }

            var division = ToDivision(entity);
            var oldRow = NameRow(division.Name);
            var newRow = NameRow(newName);
            if (oldRow == newRow)
            {
                if (division.Name == newName)
                {
                    return DivisionChange.Ok(division);
                }

                // Only case or spacing changed: the reservation stays.
                var recased = division with { Name = newName };
                await _table.UpdateEntityAsync(ToEntity(recased), entity.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
                return DivisionChange.Ok(recased);
            }

            var taken = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, newRow, cancellationToken: ct).ConfigureAwait(false);
            if (taken.HasValue)
            {
                return DivisionChange.Fail(DivisionError.NameTaken, division);
            }

            var renamed = division with { Name = newName };
            try
            {
                await _table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, ToEntity(renamed), entity.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(Partition, newRow) { ["DivisionId"] = division.Id }),
                    new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, oldRow), ETag.All),
                ], ct).ConfigureAwait(false);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 409 or 412)
            {
                throw new RequestFailedException(ex.Status, ex.Message, ex.ErrorCode, ex);
            }

            return DivisionChange.Ok(renamed);
        }, cancellationToken);

    public Task<DivisionChange> SetArchivedAsync(string divisionId, bool archived, CancellationToken cancellationToken) =>
        UpdateAsync(divisionId, d => d with { Archived = archived }, cancellationToken);

    public Task<DivisionChange> AddLiaisonAsync(string divisionId, string aadObjectId, CancellationToken cancellationToken) =>
        UpdateAsync(divisionId, d => d.IsLiaison(aadObjectId) ? d : d with { LiaisonAadObjectIds = [.. d.LiaisonAadObjectIds, aadObjectId] }, cancellationToken);

    public Task<DivisionChange> RemoveLiaisonAsync(string divisionId, string aadObjectId, CancellationToken cancellationToken) =>
        UpdateAsync(divisionId, d => d with
        {
            LiaisonAadObjectIds = d.LiaisonAadObjectIds.Where(id => !string.Equals(id, aadObjectId, StringComparison.OrdinalIgnoreCase)).ToList(),
        }, cancellationToken);

    private Task<DivisionChange> UpdateAsync(string divisionId, Func<Division, Division> change, CancellationToken cancellationToken) =>
        OptimisticConcurrency.RunAsync(async ct =>
        {
            var entity = await GetEntityAsync(divisionId, ct).ConfigureAwait(false);
            if (entity is null)
            {
                return DivisionChange.Fail(DivisionError.NotFound);
            }

            var before = ToDivision(entity);
            var after = change(before);
            if (after.Archived == before.Archived && after.LiaisonAadObjectIds.SequenceEqual(before.LiaisonAadObjectIds))
            {
                return DivisionChange.Ok(before);
            }

            await _table.UpdateEntityAsync(ToEntity(after), entity.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return DivisionChange.Ok(after);
        }, cancellationToken);

    private async Task<TableEntity?> GetEntityAsync(string divisionId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(divisionId))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, IdPrefix + TableKeys.Escape(divisionId), cancellationToken: ct).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>"d" and 8 hex digits: short enough for card data and keys, never derived from the (renamable) name.</summary>
    private static string NewId() => "d" + Guid.NewGuid().ToString("N")[..8];

    private static string NameRow(string name) => NamePrefix + TableKeys.Escape(DivisionNames.Normalize(name));
}

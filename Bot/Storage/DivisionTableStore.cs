using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Storage;

/// <summary>Table <c>Divisions</c>: PartitionKey "division", RowKey = division id. A few dozen rows, read as one partition.</summary>
public sealed class DivisionTableStore(StorageAccount account) : IDivisionStore
{
    internal const string Partition = "division";
    private readonly TableClient _table = account.Table(StorageNames.Divisions);

    public async Task<Division?> GetAsync(string divisionId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, TableKeys.Escape(divisionId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? Map(response.Value!) : null;
    }

    public async Task<IReadOnlyList<Division>> ListAsync(bool includeArchived, CancellationToken cancellationToken)
    {
        var list = new List<Division>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var division = Map(e);
            if (includeArchived || !division.Archived)
            {
                list.Add(division);
            }
        }

        return list;
    }

    internal static Division Map(TableEntity e) => new()
    {
        Id = e.RowKey,
        Name = e.GetString("Name") ?? e.RowKey,
        Archived = e.GetBoolean("Archived") ?? false,
        LiaisonAadObjectIds = (e.GetString("Liaisons") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
    };
}

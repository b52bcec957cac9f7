using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Storage;

/// <summary>Table <c>Volunteers</c>: PartitionKey = division id, RowKey = Entra object id (a roster is one partition).</summary>
public sealed class VolunteerTableStore(StorageAccount account) : IVolunteerStore
{
    private readonly TableClient _table = account.Table(StorageNames.Volunteers);

    public async Task<Volunteer?> GetAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var key = TableKeys.Quote(TableKeys.Escape(aadObjectId));
        await foreach (var e in _table.QueryAsync<TableEntity>($"RowKey eq {key}", maxPerPage: 1, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            return Map(e);
        }

        return null;
    }

    public async Task<IReadOnlyList<Volunteer>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken)
    {
        var list = new List<Volunteer>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == divisionId, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(Map(e));
        }

        return list;
    }

    public async Task<IReadOnlyList<Volunteer>> ListAllAsync(CancellationToken cancellationToken)
    {
        var list = new List<Volunteer>();
        await foreach (var e in _table.QueryAsync<TableEntity>(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(Map(e));
        }

        return list;
    }

    private static Volunteer Map(TableEntity e) => new()
    {
        AadObjectId = e.RowKey,
        DivisionId = e.PartitionKey,
        Name = e.GetString("Name") ?? "",
        IsPartyMember = e.GetBoolean("IsPartyMember") ?? false,
        Mobile = e.GetString("Mobile"),
        NationalVolunteerId = e.GetString("NationalVolunteerId"),
        PledgeAcceptedAt = e.GetDateTimeOffset("PledgeAcceptedAt") ?? default,
        RegisteredAt = e.GetDateTimeOffset("RegisteredAt") ?? default,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        Community = e.GetString("Community"),
    };
}

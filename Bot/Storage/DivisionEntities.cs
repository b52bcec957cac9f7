using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Storage;

/// <summary>Maps divisions to table entities and back; the partition and the id row prefix.</summary>
internal static class DivisionEntities
{
    public const string Partition = "division";

    public const string IdPrefix = "id:";

    public static TableEntity ToEntity(Division d) => new(Partition, IdPrefix + TableKeys.Escape(d.Id))
    {
        ["DivisionId"] = d.Id,
        ["Name"] = d.Name,
        ["Archived"] = d.Archived,
        ["Liaisons"] = string.Join(',', d.LiaisonAadObjectIds),
        ["CreatedAt"] = d.CreatedAt,
    };

    public static Division ToDivision(TableEntity e) => new()
    {
        Id = e.GetString("DivisionId") ?? e.RowKey[IdPrefix.Length..],
        Name = e.GetString("Name") ?? e.RowKey,
        Archived = e.GetBoolean("Archived") ?? false,
        LiaisonAadObjectIds = (e.GetString("Liaisons") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        CreatedAt = e.GetDateTimeOffset("CreatedAt") ?? default,
    };
}

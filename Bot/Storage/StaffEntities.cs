using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Storage;

/// <summary>Maps staff records to table entities and back.</summary>
internal static class StaffEntities
{
    public const string Partition = "staff";

    public static TableEntity ToEntity(StaffRecord s)
    {
        var entity = new TableEntity(Partition, TableKeys.Escape(s.AadObjectId))
        {
            ["AadObjectId"] = s.AadObjectId,
            ["Name"] = s.Name,
            ["TeamIds"] = string.Join(',', s.TeamIds),
            ["FirstImportedAt"] = s.FirstImportedAt,
            ["LastImportedAt"] = s.LastImportedAt,
            ["TeamsUserId"] = s.TeamsUserId,
            ["TenantId"] = s.TenantId,
            ["TeamId"] = s.TeamId,
            ["LeftAt"] = s.LeftAt,
        };
        if (s.Email is not null)
        {
            entity["Email"] = s.Email;
        }

        return entity;
    }

    public static StaffRecord ToStaff(TableEntity e) => new()
    {
        AadObjectId = e.GetString("AadObjectId") ?? e.RowKey,
        Name = e.GetString("Name") ?? "",
        Email = e.GetString("Email"),
        TeamIds = (e.GetString("TeamIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        FirstImportedAt = e.GetDateTimeOffset("FirstImportedAt") ?? default,
        LastImportedAt = e.GetDateTimeOffset("LastImportedAt") ?? default,
        LastInvitedAt = e.GetDateTimeOffset("LastInvitedAt"),
        TeamsUserId = e.GetString("TeamsUserId") is { Length: > 0 } teamsId ? teamsId : null,
        TenantId = e.GetString("TenantId") is { Length: > 0 } tenant ? tenant : null,
        TeamId = e.GetString("TeamId") is { Length: > 0 } team ? team : null,
        LeftAt = e.GetDateTimeOffset("LeftAt"),
        UnreachableReason = e.GetString("UnreachableReason") is { Length: > 0 } reason ? reason : null,
        UnreachableAt = e.GetDateTimeOffset("UnreachableAt"),
        OptedOutAt = e.GetDateTimeOffset("OptedOutAt"),
    };
}

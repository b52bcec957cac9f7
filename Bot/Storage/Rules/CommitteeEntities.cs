using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Storage.Rules;

/// <summary>Maps committee members to table entities and back; the partition and member row keys.</summary>
internal static class CommitteeEntities
{
    public const string Pk = "committee";

    public static TableEntity ToEntity(CommitteeMember m) => new(Pk, Row(m.AadObjectId))
    {
        ["Aad"] = m.AadObjectId, ["Name"] = m.Name, ["AddedByName"] = m.AddedByName, ["AddedAt"] = m.AddedAt,
    };

    public static CommitteeMember ToMember(TableEntity e) =>
        new(e.GetString("Aad") ?? "", e.GetString("Name") ?? "", false, e.GetString("AddedByName"), e.GetDateTimeOffset("AddedAt"));

    public static string Row(string aad) => "m-" + TableKeys.Escape(aad.ToLowerInvariant());
}

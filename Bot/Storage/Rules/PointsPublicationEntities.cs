using System.Globalization;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Honours;

namespace VolunteerBot.Storage.Rules;

/// <summary>Maps points publication lines (one row per volunteer) to table entities and back; the year partition and line row keys.</summary>
internal static class PointsPublicationEntities
{
    public static string Pk(int year) => year.ToString("D4", CultureInfo.InvariantCulture);

    public static string Row(string aad) => "p-" + TableKeys.Escape(aad.ToLowerInvariant());

    public static TableEntity ToEntity(string pk, PublicationLine l) => new(pk, Row(l.AadObjectId))
    {
        ["Aad"] = l.AadObjectId, ["Name"] = l.Name, ["DivisionId"] = l.DivisionId, ["DivisionName"] = l.DivisionName,
        ["Registered"] = l.Registered, ["Hours"] = (double)l.Hours, ["Points"] = l.Points, ["Rank"] = l.Rank, ["Of"] = l.Of,
        ["DepartmentRank"] = l.DepartmentRank, ["DepartmentOf"] = l.DepartmentOf,
    };

    public static PublicationLine ToLine(int year, TableEntity e) => new(
        e.GetString("Aad") ?? "", e.GetString("Name") ?? "", e.GetString("DivisionId") ?? "", e.GetString("DivisionName") ?? "",
        e.GetBoolean("Registered") ?? false, (decimal)(e.GetDouble("Hours") ?? 0), e.GetInt32("Points") ?? 0, e.GetInt32("Rank") ?? 0, e.GetInt32("Of") ?? 0,
        e.GetInt32("DepartmentRank") ?? 0, e.GetInt32("DepartmentOf") ?? 0) { Year = year };
}

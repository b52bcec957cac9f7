using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Storage;

/// <summary>Maps points rules (current and history rows) to table entities and back.</summary>
internal static class PointsRulesEntities
{
    public const string Partition = "rules";

    public static TableEntity ToEntity(string row, PointsRules r) => new(Partition, row)
    {
        ["PointsPerHour"] = (double)r.PointsPerHour,
        ["GoodFactor"] = (double)r.GoodFactor,
        ["FairFactor"] = (double)r.FairFactor,
        ["PoorFactor"] = (double)r.PoorFactor,
        ["ChangedBy"] = r.ChangedByAadObjectId,
        ["ChangedByName"] = r.ChangedByName,
        ["ChangedAt"] = r.ChangedAt,
    };

    public static PointsRules ToRules(TableEntity e) => new()
    {
        PointsPerHour = (decimal)(e.GetDouble("PointsPerHour") ?? 10),
        GoodFactor = (decimal)(e.GetDouble("GoodFactor") ?? 1.2),
        FairFactor = (decimal)(e.GetDouble("FairFactor") ?? 1.0),
        PoorFactor = (decimal)(e.GetDouble("PoorFactor") ?? 0.6),
        ChangedByAadObjectId = e.GetString("ChangedBy"),
        ChangedByName = e.GetString("ChangedByName"),
        ChangedAt = e.GetDateTimeOffset("ChangedAt"),
    };
}

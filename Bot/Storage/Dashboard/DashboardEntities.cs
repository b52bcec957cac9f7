using System.Globalization;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Dashboard;
using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Storage.Dashboard;

/// <summary>Maps month totals of a division (DashboardMonths rows) to table entities and back.</summary>
internal static class DashboardEntities
{
    /// <summary>The month totals row of one division (the one mapper of a DashboardMonths row, both ways).</summary>
    public static TableEntity ToEntity(string month, MonthDivisionTotal t) => new(month, t.DivisionId)
    {
        ["Hours"] = (double)t.Hours,
        ["PendingHours"] = (double)t.PendingHours,
        ["Participants"] = t.Participants,
        ["Records"] = t.Records,
    };

    public static MonthDivisionTotal ToTotal(TableEntity e) =>
        new(e.PartitionKey, e.RowKey, (decimal)(e.GetDouble("Hours") ?? 0), (decimal)(e.GetDouble("PendingHours") ?? 0), e.GetInt32("Participants") ?? 0, e.GetInt32("Records") ?? 0);
}

using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Gear;

namespace VolunteerBot.Storage;

/// <summary>Maps gear items and loans to table entities and back; the gear partition and row prefixes.</summary>
internal static class GearEntities
{
    public const string Pk = "gear";

    public const string ItemPrefix = "item:";

    public const string OpenPrefix = "open:";

    public const string ClosedPrefix = "closed:";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static TableEntity ToEntity(GearItem i) => new(Pk, ItemPrefix + TableKeys.Escape(i.Id))
    {
        ["ItemId"] = i.Id, ["Name"] = i.Name, ["Total"] = i.Total, ["Available"] = i.Available, ["UpdatedAt"] = i.UpdatedAt,
    };

    public static GearItem ToItem(TableEntity e) => new()
    {
        Id = e.GetString("ItemId") ?? "",
        Name = e.GetString("Name") ?? "",
        Total = e.GetInt32("Total") ?? 0,
        Available = e.GetInt32("Available") ?? 0,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
    };

    public static TableEntity ToEntity(GearLoan l) => new(Pk, (l.IsOpen ? OpenPrefix : ClosedPrefix) + TableKeys.Escape(l.Id))
    {
        ["LoanId"] = l.Id,
        ["ProjectId"] = l.ProjectId,
        ["ProjectTitle"] = l.ProjectTitle,
        ["ActivityEnd"] = l.ActivityEnd,
        ["DivisionId"] = l.DivisionId,
        ["Lines"] = JsonSerializer.Serialize(l.Lines, Json),
        ["Status"] = l.Status.ToString(),
        ["RequestedBy"] = l.RequestedByAadObjectId,
        ["RequestedByName"] = l.RequestedByName,
        ["RequestedAt"] = l.RequestedAt,
        ["Note"] = l.Note,
        ["HandedOverBy"] = l.HandedOverByAadObjectId,
        ["HandedOverByName"] = l.HandedOverByName,
        ["HandedOverAt"] = l.HandedOverAt,
        ["ReturnReportedBy"] = l.ReturnReportedByAadObjectId,
        ["ReturnReportedByName"] = l.ReturnReportedByName,
        ["ReturnReportedAt"] = l.ReturnReportedAt,
        ["ClosedBy"] = l.ClosedByAadObjectId,
        ["ClosedByName"] = l.ClosedByName,
        ["ClosedAt"] = l.ClosedAt,
        ["ClosingNote"] = l.ClosingNote,
        ["ExtendedDueOn"] = l.ExtendedDueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["ExtensionReason"] = l.ExtensionReason,
        ["ExtendedByName"] = l.ExtendedByName,
        ["UpdatedAt"] = l.UpdatedAt,
    };

    public static GearLoan ToLoan(TableEntity e) => new()
    {
        Id = e.GetString("LoanId") ?? "",
        ProjectId = e.GetString("ProjectId") ?? "",
        ProjectTitle = e.GetString("ProjectTitle") ?? "",
        ActivityEnd = e.GetDateTimeOffset("ActivityEnd") ?? default,
        DivisionId = e.GetString("DivisionId") ?? "",
        Lines = JsonSerializer.Deserialize<List<GearLine>>(e.GetString("Lines") ?? "[]", Json) ?? [],
        Status = Enum.TryParse<GearLoanStatus>(e.GetString("Status"), out var s) ? s : GearLoanStatus.Requested,
        RequestedByAadObjectId = e.GetString("RequestedBy") ?? "",
        RequestedByName = e.GetString("RequestedByName") ?? "",
        RequestedAt = e.GetDateTimeOffset("RequestedAt") ?? default,
        Note = e.GetString("Note") ?? "",
        HandedOverByAadObjectId = e.GetString("HandedOverBy"),
        HandedOverByName = e.GetString("HandedOverByName"),
        HandedOverAt = e.GetDateTimeOffset("HandedOverAt"),
        ReturnReportedByAadObjectId = e.GetString("ReturnReportedBy"),
        ReturnReportedByName = e.GetString("ReturnReportedByName"),
        ReturnReportedAt = e.GetDateTimeOffset("ReturnReportedAt"),
        ClosedByAadObjectId = e.GetString("ClosedBy"),
        ClosedByName = e.GetString("ClosedByName"),
        ClosedAt = e.GetDateTimeOffset("ClosedAt"),
        ClosingNote = e.GetString("ClosingNote"),
        ExtendedDueOn = e.GetString("ExtendedDueOn") is { Length: 10 } due ? DateOnly.ParseExact(due, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
        ExtensionReason = e.GetString("ExtensionReason"),
        ExtendedByName = e.GetString("ExtendedByName"),
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
    };
}

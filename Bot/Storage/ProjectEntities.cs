using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Storage;

/// <summary>Maps projects to table entities and back (lists as JSON columns); the year partition.</summary>
internal static class ProjectEntities
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string PartitionOf(int year) => year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    public static TableEntity ToEntity(Project p) => new(PartitionOf(Project.YearOf(p.Id)), TableKeys.Escape(p.Id))
    {
        ["Id"] = p.Id,
        ["Title"] = p.Title,
        ["CategoryId"] = p.CategoryId,
        ["Organiser"] = p.Organiser.ToString(),
        ["Origin"] = p.Origin.ToString(),
        ["DivisionId"] = p.DivisionId,
        ["JointDivisionIds"] = JsonSerializer.Serialize(p.JointDivisionIds, Json),
        ["Start"] = p.Start,
        ["End"] = p.End,
        ["Place"] = p.Place,
        ["Capacity"] = p.Capacity,
        ["Description"] = p.Description,
        ["IsIndustrySpecific"] = p.IsIndustrySpecific,
        ["Status"] = p.Status.ToString(),
        ["DeclarationNumber"] = p.DeclarationNumber,
        ["DeclaredBy"] = p.DeclaredByAadObjectId,
        ["DeclaredAt"] = p.DeclaredAt,
        ["FiledBy"] = p.FiledByAadObjectId,
        ["FiledByName"] = p.FiledByName,
        ["FiledAt"] = p.FiledAt,
        ["DecidedBy"] = p.DecidedByAadObjectId,
        ["DecidedByName"] = p.DecidedByName,
        ["DecidedAt"] = p.DecidedAt,
        ["Returns"] = JsonSerializer.Serialize(p.Returns, Json),
        ["Responses"] = JsonSerializer.Serialize(p.Responses, Json),
        ["AnnouncedAt"] = p.AnnouncedAt,
        ["CancelledBy"] = p.CancelledByAadObjectId,
        ["CancelledAt"] = p.CancelledAt,
        ["CancelReason"] = p.CancelReason,
        ["ArchivedBy"] = p.ArchivedByAadObjectId,
        ["ArchivedByName"] = p.ArchivedByName,
        ["ArchivedAt"] = p.ArchivedAt,
        ["UpdatedAt"] = p.UpdatedAt,
    };

    public static Project ToProject(TableEntity e) => new()
    {
        Id = e.GetString("Id") ?? e.RowKey,
        Title = e.GetString("Title") ?? "",
        CategoryId = e.GetString("CategoryId") ?? "",
        Organiser = Enum.TryParse<OrganiserType>(e.GetString("Organiser"), out var o) ? o : OrganiserType.Branch,
        Origin = Enum.TryParse<ProjectOrigin>(e.GetString("Origin"), out var origin) ? origin : ProjectOrigin.Applied,
        DivisionId = e.GetString("DivisionId") ?? "",
        JointDivisionIds = Deserialize<List<string>>(e.GetString("JointDivisionIds")),
        Start = e.GetDateTimeOffset("Start") ?? default,
        End = e.GetDateTimeOffset("End") ?? default,
        Place = e.GetString("Place") ?? "",
        Capacity = e.GetInt32("Capacity") ?? 0,
        Description = e.GetString("Description") ?? "",
        IsIndustrySpecific = e.GetBoolean("IsIndustrySpecific") ?? false,
        Status = Enum.TryParse<ProjectStatus>(e.GetString("Status"), out var s) ? s : ProjectStatus.Filed,
        DeclarationNumber = e.GetString("DeclarationNumber"),
        DeclaredByAadObjectId = e.GetString("DeclaredBy"),
        DeclaredAt = e.GetDateTimeOffset("DeclaredAt"),
        FiledByAadObjectId = e.GetString("FiledBy") ?? "",
        FiledByName = e.GetString("FiledByName") ?? "",
        FiledAt = e.GetDateTimeOffset("FiledAt") ?? default,
        DecidedByAadObjectId = e.GetString("DecidedBy"),
        DecidedByName = e.GetString("DecidedByName"),
        DecidedAt = e.GetDateTimeOffset("DecidedAt"),
        Returns = Deserialize<List<ReturnNote>>(e.GetString("Returns")),
        Responses = Deserialize<List<DivisionResponse>>(e.GetString("Responses")),
        AnnouncedAt = e.GetDateTimeOffset("AnnouncedAt"),
        CancelledByAadObjectId = e.GetString("CancelledBy"),
        CancelledAt = e.GetDateTimeOffset("CancelledAt"),
        CancelReason = e.GetString("CancelReason"),
        ArchivedByAadObjectId = e.GetString("ArchivedBy"),
        ArchivedByName = e.GetString("ArchivedByName"),
        ArchivedAt = e.GetDateTimeOffset("ArchivedAt"),
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
    };

    public static T Deserialize<T>(string? json) where T : new() =>
        string.IsNullOrEmpty(json) ? new T() : JsonSerializer.Deserialize<T>(json, Json) ?? new T();
}

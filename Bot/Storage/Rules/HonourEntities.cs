using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Honours;

namespace VolunteerBot.Storage.Rules;

/// <summary>Maps honours (named volunteers and teams) to table entities and back.</summary>
internal static class HonourEntities
{
    public static TableEntity ToEntity(string pk, string rk, Honour h) => new(pk, rk)
    {
        ["Kind"] = h.Kind.ToString(), ["SubjectId"] = h.SubjectId, ["SubjectName"] = h.SubjectName, ["DivisionName"] = h.DivisionName,
        ["Hours"] = (double)h.Hours, ["Reason"] = h.Reason, ["NamedByName"] = h.NamedByName, ["NamedAt"] = h.NamedAt,
        ["AnnouncedAt"] = h.AnnouncedAt, ["CertificateNumber"] = h.CertificateNumber,
    };

    public static Honour ToHonour(int year, TableEntity e) => new()
    {
        Year = year,
        Kind = Enum.TryParse<HonourKind>(e.GetString("Kind"), out var k) ? k : HonourKind.Volunteer,
        SubjectId = e.GetString("SubjectId") ?? "",
        SubjectName = e.GetString("SubjectName") ?? "",
        DivisionName = e.GetString("DivisionName"),
        Hours = (decimal)(e.GetDouble("Hours") ?? 0),
        Reason = e.GetString("Reason") ?? "",
        NamedByName = e.GetString("NamedByName") ?? "",
        NamedAt = e.GetDateTimeOffset("NamedAt") ?? default,
        AnnouncedAt = e.GetDateTimeOffset("AnnouncedAt"),
        CertificateNumber = e.GetString("CertificateNumber"),
    };

    public static TableEntity ToEntity(string pk, string rk, FeaturedProject project) => new(pk, rk)
    {
        ["ProjectId"] = project.ProjectId, ["Title"] = project.Title, ["Divisions"] = JsonSerializer.Serialize(project.DivisionIds),
        ["Note"] = project.Note, ["By"] = project.MarkedByName, ["At"] = project.MarkedAt,
    };

    public static FeaturedProject ToFeatured(int year, TableEntity e) => new(year, e.GetString("ProjectId") ?? "", e.GetString("Title") ?? "",
        JsonSerializer.Deserialize<List<string>>(e.GetString("Divisions") ?? "[]") ?? [], e.GetString("Note") ?? "", e.GetString("By") ?? "", e.GetDateTimeOffset("At") ?? default);
}

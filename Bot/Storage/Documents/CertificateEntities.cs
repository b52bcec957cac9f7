using System.Globalization;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Storage;

namespace VolunteerBot.Storage.Documents;

/// <summary>Maps certificate log entries to table entities and back; the request row key.</summary>
internal static class CertificateEntities
{
    public static string RequestRow(string volunteer, string requestId) => TableKeys.Escape(volunteer) + "_" + TableKeys.Escape(requestId);

    public static TableEntity ToEntity(CertificateEntry entry) => new(entry.Number.Substring(3, 4), "n-" + entry.Number)
    {
        ["Number"] = entry.Number,
        ["Volunteer"] = entry.VolunteerAadObjectId,
        ["Name"] = entry.Name,
        ["From"] = entry.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["To"] = entry.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["TotalHours"] = (double)entry.TotalHours,
        ["BlobName"] = entry.BlobName,
        ["IssuedAt"] = entry.IssuedAt,
    };

    public static CertificateEntry ToEntry(TableEntity e) => new(
        e.GetString("Number") ?? "",
        e.GetString("Volunteer") ?? "",
        e.GetString("Name") ?? "",
        DateOnly.ParseExact(e.GetString("From")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly.ParseExact(e.GetString("To")!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        (decimal)(e.GetDouble("TotalHours") ?? 0),
        e.GetString("BlobName") ?? "",
        e.GetDateTimeOffset("IssuedAt") ?? default);
}

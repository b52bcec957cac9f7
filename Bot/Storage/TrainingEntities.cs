using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Training;

namespace VolunteerBot.Storage;

/// <summary>Maps training sessions (attendance split over Attendees0, Attendees1 …) to table entities and back; the session keys.</summary>
internal static class TrainingEntities
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string RowOf(DateOnly date, string sessionId) =>
        date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + TableKeys.Escape(sessionId);

    public static string YearOf(string sessionId) => sessionId.Length >= 4 ? sessionId[..4] : "0000";

    // A string property holds at most 32K characters; a large attendance list is split over Attendees0, Attendees1 …
    public const int ChunkChars = 30_000;

    public static TableEntity ToEntity(TrainingSession s)
    {
        var entity = Fields(s);
        var json = JsonSerializer.Serialize(s.Attendees, Json);
        for (int i = 0, n = 0; i < json.Length; i += ChunkChars, n++)
        {
            entity["Attendees" + n.ToString(CultureInfo.InvariantCulture)] = json.Substring(i, Math.Min(ChunkChars, json.Length - i));
        }

        return entity;
    }

    public static string AttendeesJson(TableEntity e)
    {
        var builder = new System.Text.StringBuilder();
        for (var n = 0; e.GetString("Attendees" + n.ToString(CultureInfo.InvariantCulture)) is { } part; n++)
        {
            builder.Append(part);
        }

        return builder.Length == 0 ? "[]" : builder.ToString();
    }

    public static TableEntity Fields(TrainingSession s) => new(YearOf(s.Id), TableKeys.Escape(s.Id))
    {
        ["SessionId"] = s.Id,
        ["Title"] = s.Title,
        ["Kind"] = s.Kind.ToString(),
        ["Date"] = s.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Hours"] = (double)s.Hours,
        ["Organiser"] = s.Organiser,
        ["Content"] = s.Content,
        ["RecordedBy"] = s.RecordedByAadObjectId,
        ["RecordedByName"] = s.RecordedByName,
        ["RecordedAt"] = s.RecordedAt,
        ["UpdatedAt"] = s.UpdatedAt,
    };

    public static TrainingSession ToSession(TableEntity e) => new()
    {
        Id = e.GetString("SessionId") ?? "",
        Title = e.GetString("Title") ?? "",
        Kind = Enum.TryParse<TrainingKind>(e.GetString("Kind"), out var k) ? k : TrainingKind.Other,
        Date = DateOnly.ParseExact(e.GetString("Date") ?? "2000-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Hours = (decimal)(e.GetDouble("Hours") ?? 0),
        Organiser = e.GetString("Organiser") ?? "",
        Content = e.GetString("Content") ?? "",
        Attendees = JsonSerializer.Deserialize<List<TrainingAttendee>>(AttendeesJson(e), Json) ?? [],
        RecordedByAadObjectId = e.GetString("RecordedBy") ?? "",
        RecordedByName = e.GetString("RecordedByName") ?? "",
        RecordedAt = e.GetDateTimeOffset("RecordedAt") ?? default,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
    };

    /// <summary>
    /// The <c>TrainingAttendance</c> partition of a person: the Entra object id in lower case. Object ids are GUIDs compared
    /// without regard to case, so the same person has one attendance per session whichever case an id arrives in.
    /// </summary>
    public static string AttendancePartition(string aadObjectId) => TableKeys.Escape(aadObjectId.ToLowerInvariant());

    /// <summary>The <c>TrainingAttendance</c> index row: PartitionKey <see cref="AttendancePartition"/>, RowKey <see cref="RowOf"/>.</summary>
    public static TableEntity ToAttendanceEntity(TrainingSession session, TrainingAttendee a) => new(AttendancePartition(a.AadObjectId), RowOf(session.Date, session.Id))
    {
        ["SessionId"] = session.Id,
        ["Title"] = session.Title,
        ["Kind"] = session.Kind.ToString(),
        ["Date"] = session.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["Hours"] = (double)session.Hours,
        ["Organiser"] = session.Organiser,
        ["DivisionId"] = a.DivisionId,
    };

    public static TrainingAttendance ToAttendance(TableEntity e) => new(
        e.GetString("SessionId") ?? "",
        e.GetString("Title") ?? "",
        Enum.TryParse<TrainingKind>(e.GetString("Kind"), out var k) ? k : TrainingKind.Other,
        DateOnly.ParseExact(e.GetString("Date") ?? "2000-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        (decimal)(e.GetDouble("Hours") ?? 0),
        e.GetString("Organiser") ?? "");
}

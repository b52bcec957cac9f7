using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Training;

namespace VolunteerBot.Storage;

/// <summary>
/// Tables <c>Trainings</c> (PartitionKey year, RowKey session id: the session with its attendees) and
/// <c>TrainingAttendance</c> (PartitionKey volunteer's Entra object id, RowKey <c>yyyyMMdd-{sessionId}</c>: a copy
/// of what a volunteer's record shows). The session is the source of truth and is written first. See docs/storage.md.
/// </summary>
public sealed class TrainingTableStore(StorageAccount account) : ITrainingStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _sessions = account.Table(StorageNames.Trainings);
    private readonly TableClient _attendance = account.Table(StorageNames.TrainingAttendance);

    public async Task SaveAsync(TrainingSession session, CancellationToken cancellationToken)
    {
        var before = await GetAsync(session.Id, cancellationToken).ConfigureAwait(false);
        await _sessions.UpsertEntityAsync(ToEntity(session), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        var row = RowOf(session.Date, session.Id);
        foreach (var a in session.Attendees)
        {
            var entity = new TableEntity(TableKeys.Escape(a.AadObjectId), row)
            {
                ["SessionId"] = session.Id, ["Title"] = session.Title, ["Kind"] = session.Kind.ToString(),
                ["Date"] = session.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Hours"] = (double)session.Hours,
                ["Organiser"] = session.Organiser, ["DivisionId"] = a.DivisionId,
            };
            await _attendance.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }

        if (before is null)
        {
            return;
        }

        // Attendees taken off, or the date changed: remove the rows that no longer match the session.
        var now = session.Attendees.Select(a => a.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var oldRow = RowOf(before.Date, before.Id);
        foreach (var a in before.Attendees.Where(a => !now.Contains(a.AadObjectId) || oldRow != row))
        {
            try
            {
                await _attendance.DeleteEntityAsync(TableKeys.Escape(a.AadObjectId), oldRow, ETag.All, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
            }
        }
    }

    public async Task<TrainingSession?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        var year = YearOf(sessionId);
        var response = await _sessions.GetEntityIfExistsAsync<TableEntity>(year, TableKeys.Escape(sessionId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? Map(response.Value!) : null;
    }

    public async Task<IReadOnlyList<TrainingSession>> ListYearAsync(int year, CancellationToken cancellationToken)
    {
        var list = new List<TrainingSession>();
        var pk = year.ToString("D4", CultureInfo.InvariantCulture);
        await foreach (var e in _sessions.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(Map(e));
        }

        return [.. list.OrderByDescending(s => s.Date).ThenByDescending(s => s.RecordedAt)];
    }

    public async Task<IReadOnlyList<TrainingAttendance>> ListForVolunteerAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var list = new List<TrainingAttendance>();
        var pk = TableKeys.Escape(aadObjectId);
        await foreach (var e in _attendance.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(new TrainingAttendance(
                e.GetString("SessionId") ?? "", e.GetString("Title") ?? "",
                Enum.TryParse<TrainingKind>(e.GetString("Kind"), out var k) ? k : TrainingKind.Other,
                DateOnly.ParseExact(e.GetString("Date") ?? "2000-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
                (decimal)(e.GetDouble("Hours") ?? 0), e.GetString("Organiser") ?? ""));
        }

        return [.. list.OrderByDescending(a => a.Date)];
    }

    private static string RowOf(DateOnly date, string sessionId) =>
        date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + TableKeys.Escape(sessionId);

    private static string YearOf(string sessionId) => sessionId.Length >= 4 ? sessionId[..4] : "0000";

    // A string property holds at most 32K characters; a large attendance list is split over Attendees0, Attendees1 …
    private const int ChunkChars = 30_000;

    private static TableEntity ToEntity(TrainingSession s)
    {
        var entity = Fields(s);
        var json = JsonSerializer.Serialize(s.Attendees, Json);
        for (int i = 0, n = 0; i < json.Length; i += ChunkChars, n++)
        {
            entity["Attendees" + n.ToString(CultureInfo.InvariantCulture)] = json.Substring(i, Math.Min(ChunkChars, json.Length - i));
        }

        return entity;
    }

    private static string AttendeesJson(TableEntity e)
    {
        var builder = new System.Text.StringBuilder();
        for (var n = 0; e.GetString("Attendees" + n.ToString(CultureInfo.InvariantCulture)) is { } part; n++)
        {
            builder.Append(part);
        }

        return builder.Length == 0 ? "[]" : builder.ToString();
    }

    private static TableEntity Fields(TrainingSession s) => new(YearOf(s.Id), TableKeys.Escape(s.Id))
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

    private static TrainingSession Map(TableEntity e) => new()
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
}

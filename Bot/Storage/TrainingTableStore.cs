using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Training;
using static VolunteerBot.Storage.TrainingEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Tables <c>Trainings</c> (PartitionKey year, RowKey session id: the session with its attendees) and
/// <c>TrainingAttendance</c> (PartitionKey volunteer's Entra object id in lower case, RowKey <c>yyyyMMdd-{sessionId}</c>: a copy
/// of what a volunteer's record shows). The session is the source of truth and is written first. See docs/storage.md.
/// </summary>
public sealed class TrainingTableStore(StorageAccount account) : ITrainingStore
{
    private readonly TableClient _sessions = account.Table(StorageNames.Trainings);
    private readonly TableClient _attendance = account.Table(StorageNames.TrainingAttendance);

    public async Task SaveAsync(TrainingSession session, CancellationToken cancellationToken)
    {
        var before = await GetAsync(session.Id, cancellationToken).ConfigureAwait(false);
        await _sessions.UpsertEntityAsync(ToEntity(session), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        var row = RowOf(session.Date, session.Id);
        foreach (var a in session.Attendees)
        {
            await _attendance.UpsertEntityAsync(ToAttendanceEntity(session, a), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
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
                await _attendance.DeleteEntityAsync(AttendancePartition(a.AadObjectId), oldRow, ETag.All, cancellationToken).ConfigureAwait(false);
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
        return response.HasValue ? ToSession(response.Value!) : null;
    }

    public async Task<IReadOnlyList<TrainingSession>> ListYearAsync(int year, CancellationToken cancellationToken)
    {
        var list = new List<TrainingSession>();
        var pk = year.ToString("D4", CultureInfo.InvariantCulture);
        await foreach (var e in _sessions.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToSession(e));
        }

        return [.. list.OrderByDescending(s => s.Date).ThenByDescending(s => s.RecordedAt)];
    }

    public async Task<IReadOnlyList<TrainingAttendance>> ListForVolunteerAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var list = new List<TrainingAttendance>();
        var pk = AttendancePartition(aadObjectId);
        await foreach (var e in _attendance.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToAttendance(e));
        }

        return [.. list.OrderByDescending(a => a.Date)];
    }
}

using VolunteerBot.Dialogs.Domain.Training;

namespace VolunteerBot.Tests.Fakes;

/// <summary>
/// The one in-memory ITrainingStore (unit tests only); runs the same contract suite as TrainingTableStore. A session is
/// listed under the year of its id (the year the form opened); a volunteer's attendance follows the session's latest save, and an
/// Entra object id matches whatever its letter case.
/// </summary>
public sealed class MemoryTrainingStore : ITrainingStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, TrainingSession> _sessions = new(StringComparer.Ordinal);

    public Task SaveAsync(TrainingSession session, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _sessions[session.Id] = session with { Attendees = [.. session.Attendees] };
            return Task.CompletedTask;
        }
    }

    public Task<TrainingSession?> GetAsync(string sessionId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_sessions.GetValueOrDefault(sessionId));
        }
    }

    public Task<IReadOnlyList<TrainingSession>> ListYearAsync(int year, CancellationToken cancellationToken)
    {
        var prefix = year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<TrainingSession>>([.. _sessions.Values
                .Where(s => s.Id.StartsWith(prefix, StringComparison.Ordinal))
                .OrderByDescending(s => s.Date).ThenByDescending(s => s.RecordedAt).ThenBy(s => s.Id, StringComparer.Ordinal)]);
        }
    }

    public Task<IReadOnlyList<TrainingAttendance>> ListForVolunteerAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<TrainingAttendance>>([.. _sessions.Values
                .Where(s => s.Attendees.Any(a => string.Equals(a.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase)))
                .OrderByDescending(s => s.Date).ThenBy(s => s.Id, StringComparer.Ordinal)
                .Select(s => new TrainingAttendance(s.Id, s.Title, s.Kind, s.Date, s.Hours, s.Organiser))]);
        }
    }
}

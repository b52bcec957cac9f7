using VolunteerBot.Dialogs.Domain.CheckIn;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory <see cref="ICheckInStore"/> for handler tests; the contract suite runs it beside the Table store.</summary>
internal sealed class MemoryCheckInStore : ICheckInStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CheckInSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CodeLease> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Project, string Who), Attendance> _rows = [];
    private readonly Dictionary<string, CodeThrottle> _throttles = new(StringComparer.Ordinal);

    public Task<CheckInSession?> GetSessionAsync(string projectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_sessions.GetValueOrDefault(projectId));
        }
    }

    public Task<CheckInSession> UpdateSessionAsync(string projectId, Func<CheckInSession?, CheckInSession> change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var after = change(_sessions.GetValueOrDefault(projectId));
            _sessions[projectId] = after;
            return Task.FromResult(after);
        }
    }

    public Task<bool> TryLeaseCodeAsync(CodeLease lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_codes.TryGetValue(lease.Code, out var held) && held.ProjectId != lease.ProjectId && held.ValidUntil >= now)
            {
                return Task.FromResult(false);
            }

            _codes[lease.Code] = lease;
            return Task.FromResult(true);
        }
    }

    public Task<CodeLease?> FindCodeAsync(string code, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_codes.GetValueOrDefault(code));
        }
    }

    public Task<CheckInWrite> CheckInAsync(Attendance attendance, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = Key(attendance.ProjectId, attendance.VolunteerAadObjectId);
            if (_rows.TryGetValue(key, out var existing))
            {
                return Task.FromResult(new CheckInWrite(existing, false));
            }

            _rows[key] = attendance;
            return Task.FromResult(new CheckInWrite(attendance, true));
        }
    }

    public Task<Attendance?> UpdateAsync(string projectId, string volunteerAadObjectId, Func<Attendance, Attendance> change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var key = Key(projectId, volunteerAadObjectId);
            if (!_rows.TryGetValue(key, out var before))
            {
                return Task.FromResult<Attendance?>(null);
            }

            var after = change(before);
            _rows[key] = after;
            return Task.FromResult<Attendance?>(after);
        }
    }

    public Task<Attendance?> GetAsync(string projectId, string volunteerAadObjectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault(Key(projectId, volunteerAadObjectId)));
        }
    }

    public Task<IReadOnlyList<Attendance>> ListByProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Attendance>>(_rows.Values.Where(a => a.ProjectId == projectId)
                .OrderBy(a => a.CheckedInAt).ThenBy(a => a.VolunteerName, StringComparer.Ordinal).ToList());
        }
    }

    public Task<IReadOnlyList<Attendance>> ListByVolunteerAsync(string volunteerAadObjectId, DateTimeOffset endsAfter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Attendance>>(_rows.Values
                .Where(a => a.VolunteerAadObjectId == volunteerAadObjectId && a.ProjectEnd > endsAfter)
                .OrderByDescending(a => a.CheckedInAt).ToList());
        }
    }

    public Task<CodeThrottle> GetThrottleAsync(string volunteerAadObjectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_throttles.GetValueOrDefault(volunteerAadObjectId) ?? CodeThrottle.None);
        }
    }

    public Task<CodeThrottle> RecordFailureAsync(string volunteerAadObjectId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var after = CheckInRules.Fail(_throttles.GetValueOrDefault(volunteerAadObjectId) ?? CodeThrottle.None, at);
            _throttles[volunteerAadObjectId] = after;
            return Task.FromResult(after);
        }
    }

    private static (string, string) Key(string project, string who) => (project, who);
}

using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory ISignUpStore (unit tests only); runs the same contract suite as SignUpTableStore.</summary>
public sealed class MemorySignUpStore : ISignUpStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Project, string Volunteer), SignUp> _rows = [];
    private readonly Dictionary<string, long> _nextSequence = new(StringComparer.Ordinal);

    public Task<SignUpResult> SignUpAsync(SignUpRequest r, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var of = Of(r.ProjectId);
            if (_rows.TryGetValue((r.ProjectId, r.VolunteerAadObjectId), out var existing) && existing.Status != SignUpStatus.Cancelled)
            {
                return Task.FromResult(new SignUpResult(existing, SignUpOutcome.AlreadySignedUp, PositionOf(of, existing)));
            }

            var status = of.Count(s => s.Status == SignUpStatus.Confirmed) < r.Capacity ? SignUpStatus.Confirmed : SignUpStatus.Waitlisted;
            var sequence = _nextSequence.GetValueOrDefault(r.ProjectId, 1L);
            _nextSequence[r.ProjectId] = sequence + 1;
            var row = new SignUp
            {
                ProjectId = r.ProjectId, VolunteerAadObjectId = r.VolunteerAadObjectId, VolunteerName = r.VolunteerName, DivisionId = r.DivisionId,
                Status = status, Sequence = sequence, SignedUpAt = r.At, UpdatedAt = r.At,
            };
            _rows[(r.ProjectId, r.VolunteerAadObjectId)] = row;
            return Task.FromResult(new SignUpResult(row, status == SignUpStatus.Confirmed ? SignUpOutcome.Confirmed : SignUpOutcome.Waitlisted, PositionOf(Of(r.ProjectId), row)));
        }
    }

    public Task<CancelResult> CancelAsync(string projectId, string who, int capacity, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue((projectId, who), out var row) || row.Status == SignUpStatus.Cancelled)
            {
                return Task.FromResult(new CancelResult(row, [], false));
            }

            var cancelled = row with { Status = SignUpStatus.Cancelled, CancelledAt = at, UpdatedAt = at };
            _rows[(projectId, who)] = cancelled;
            var promoted = new List<SignUp>();
            var of = Of(projectId);
            var free = capacity - of.Count(s => s.Status == SignUpStatus.Confirmed);
            foreach (var w in of.Where(s => s.Status == SignUpStatus.Waitlisted).Take(Math.Max(0, free)))
            {
                var up = w with { Status = SignUpStatus.Confirmed, PromotedAt = at, UpdatedAt = at };
                _rows[(projectId, w.VolunteerAadObjectId)] = up;
                promoted.Add(up);
            }

            return Task.FromResult(new CancelResult(cancelled, promoted, true));
        }
    }

    public Task<SignUp?> GetAsync(string projectId, string who, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.GetValueOrDefault((projectId, who)));
        }
    }

    public Task<IReadOnlyList<SignUp>> ListByProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SignUp>>(Of(projectId));
        }
    }

    /// <summary>Latest sign-up first, as the table store sorts them.</summary>
    public Task<IReadOnlyList<SignUp>> ListByVolunteerAsync(string who, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SignUp>>(_rows.Values.Where(s => s.VolunteerAadObjectId == who).OrderByDescending(s => s.SignedUpAt).ToList());
        }
    }

    public Task<SignUpCounts> CountAsync(string projectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var of = Of(projectId);
            return Task.FromResult(new SignUpCounts(of.Count(s => s.Status == SignUpStatus.Confirmed), of.Count(s => s.Status == SignUpStatus.Waitlisted)));
        }
    }

    public Task<int> EraseNameAsync(string volunteerAadObjectId, string replacement, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var mine = _rows.Where(r => r.Key.Volunteer == volunteerAadObjectId && r.Value.VolunteerName != replacement).ToList();
            foreach (var (key, row) in mine)
            {
                _rows[key] = row with { VolunteerName = replacement };
            }

            return Task.FromResult(mine.Count);
        }
    }

    private List<SignUp> Of(string projectId) => [.. _rows.Values.Where(s => s.ProjectId == projectId).OrderBy(s => s.Sequence)];

    private static int PositionOf(List<SignUp> of, SignUp s) =>
        s.Status == SignUpStatus.Waitlisted ? of.Count(w => w.Status == SignUpStatus.Waitlisted && w.Sequence <= s.Sequence) : 0;
}

using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory ICommitteeStore (unit tests only); runs the same contract suite as CommitteeTableStore.</summary>
public sealed class MemoryCommitteeStore : ICommitteeStore
{
    private readonly List<CommitteeMember> _members = [];

    /// <summary>How many times the list was read (the committee cache's tests count storage reads).</summary>
    public int Lists { get; private set; }

    public Task<IReadOnlyList<CommitteeMember>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_members)
        {
            Lists++;
            return Task.FromResult<IReadOnlyList<CommitteeMember>>(_members.Select(m => m with { Bootstrap = false }).OrderBy(m => m.AddedAt).ToList());
        }
    }

    public Task<bool> AddAsync(CommitteeMember member, CancellationToken cancellationToken)
    {
        lock (_members)
        {
            if (_members.Any(m => Same(m.AadObjectId, member.AadObjectId)))
            {
                return Task.FromResult(false);
            }

            _members.Add(member);
            return Task.FromResult(true);
        }
    }

    public Task<CommitteeRemoval> RemoveAsync(string aadObjectId, bool keepOne, CancellationToken cancellationToken)
    {
        lock (_members)
        {
            if (!_members.Any(m => Same(m.AadObjectId, aadObjectId)))
            {
                return Task.FromResult(CommitteeRemoval.NotMember);
            }

            if (keepOne && _members.Count <= 1)
            {
                return Task.FromResult(CommitteeRemoval.LastMember);
            }

            _members.RemoveAll(m => Same(m.AadObjectId, aadObjectId));
            return Task.FromResult(CommitteeRemoval.Removed);
        }
    }

    // The table keys members by the lower-cased id.
    private static bool Same(string a, string b) => string.Equals(a.ToLowerInvariant(), b.ToLowerInvariant(), StringComparison.Ordinal);
}

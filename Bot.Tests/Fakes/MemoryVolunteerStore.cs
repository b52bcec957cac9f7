using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory IVolunteerStore (unit tests only); runs the same contract suite as VolunteerTableStore.</summary>
public sealed class MemoryVolunteerStore : IVolunteerStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Volunteer> _profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DivisionMembership>> _history = new(StringComparer.Ordinal);

    /// <summary>Every profile, in key order (as the table lists them).</summary>
    public IReadOnlyList<Volunteer> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _profiles.Values.OrderBy(v => v.AadObjectId, StringComparer.Ordinal)];
            }
        }
    }

    /// <summary>Seeds a profile as it is (no history, no consent rules): for tests that need volunteers, not registration.</summary>
    public Volunteer Seed(Volunteer volunteer)
    {
        lock (_gate)
        {
            _profiles[volunteer.AadObjectId] = volunteer;
            return volunteer;
        }
    }

    public Task<Volunteer?> GetAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_profiles.GetValueOrDefault(aadObjectId));
        }
    }

    public Task<bool> EraseAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _history.Remove(aadObjectId);
            return Task.FromResult(_profiles.Remove(aadObjectId));
        }
    }

    public Task<IReadOnlyList<Volunteer>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Volunteer>>(All.Where(v => v.DivisionId == divisionId).ToList());

    public Task<IReadOnlyList<Volunteer>> ListAllAsync(CancellationToken cancellationToken) => Task.FromResult(All);

    public Task<IReadOnlyList<DivisionMembership>> GetMembershipsAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<DivisionMembership>>(_history.TryGetValue(aadObjectId, out var h) ? [.. h] : []);
        }
    }

    public Task<VolunteerSaved> SaveAsync(VolunteerProfile p, DateTimeOffset at, DateOnly today, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _profiles.TryGetValue(p.AadObjectId, out var before);
            if (before is not null && before.Name == p.Name && before.DivisionId == p.DivisionId && before.IsPartyMember == p.IsPartyMember
                && before.Mobile == p.Mobile && before.NationalVolunteerId == p.NationalVolunteerId && before.PrivacyConsentAt is not null)
            {
                return Task.FromResult(new VolunteerSaved(before, SaveOutcome.Unchanged, null));
            }

            var after = new Volunteer
            {
                AadObjectId = p.AadObjectId, Name = p.Name, DivisionId = p.DivisionId, IsPartyMember = p.IsPartyMember, Mobile = p.Mobile,
                NationalVolunteerId = p.NationalVolunteerId, PledgeAcceptedAt = before?.PledgeAcceptedAt ?? at, PrivacyConsentAt = before?.PrivacyConsentAt ?? at,
                RegisteredAt = before?.RegisteredAt ?? at, UpdatedAt = at, Community = before?.Community, CommunityReportedOn = before?.CommunityReportedOn,
            };
            _profiles[p.AadObjectId] = after;
            var moved = before is not null && before.DivisionId != p.DivisionId;
            if (before is null || moved)
            {
                Join(p.AadObjectId, p.DivisionId, today);
            }

            return Task.FromResult(new VolunteerSaved(after, before is null ? SaveOutcome.Created : SaveOutcome.Updated, moved ? before!.DivisionId : null));
        }
    }

    public Task<Volunteer?> SetCommunityAsync(string aadObjectId, string community, DateOnly reportedOn, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_profiles.TryGetValue(aadObjectId, out var v))
            {
                return Task.FromResult<Volunteer?>(null);
            }

            var after = v with { Community = community, CommunityReportedOn = reportedOn, UpdatedAt = at };
            _profiles[aadObjectId] = after;
            return Task.FromResult<Volunteer?>(after);
        }
    }

    /// <summary>Closes the open stretch and opens one in <paramref name="divisionId"/>; a stretch that began today is replaced, never left empty.</summary>
    private void Join(string aadObjectId, string divisionId, DateOnly today)
    {
        if (!_history.TryGetValue(aadObjectId, out var history))
        {
            _history[aadObjectId] = history = [];
        }

        if (history.Count > 0 && history[^1].Until is null)
        {
            if (history[^1].From >= today)
            {
                history.RemoveAt(history.Count - 1);
            }
            else
            {
                history[^1] = history[^1] with { Until = today };
            }
        }

        history.Add(new DivisionMembership(divisionId, today, null));
    }
}

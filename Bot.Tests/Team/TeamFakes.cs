using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Tests.Team;

/// <summary>In-memory stores for dialog tests (test-only; production always uses the Table stores).</summary>
public sealed class InMemoryVolunteerStore : IVolunteerStore
{
    private readonly ConcurrentDictionary<string, Volunteer> _profiles = new();
    private readonly ConcurrentDictionary<string, List<DivisionMembership>> _history = new();

    public Task<Volunteer?> GetAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Task.FromResult(_profiles.TryGetValue(aadObjectId, out var v) ? v : null);

    public Task<bool> EraseAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Task.FromResult(_profiles.TryRemove(aadObjectId, out _));

    public Task<IReadOnlyList<Volunteer>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Volunteer>>(_profiles.Values.Where(v => v.DivisionId == divisionId).ToList());

    public Task<IReadOnlyList<Volunteer>> ListAllAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Volunteer>>(_profiles.Values.ToList());

    public Task<IReadOnlyList<DivisionMembership>> GetMembershipsAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<DivisionMembership>>(_history.TryGetValue(aadObjectId, out var h) ? [.. h] : []);

    public Task<VolunteerSaved> SaveAsync(VolunteerProfile p, DateTimeOffset at, DateOnly today, CancellationToken cancellationToken)
    {
        lock (_profiles)
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
                NationalVolunteerId = p.NationalVolunteerId, PledgeAcceptedAt = before?.PledgeAcceptedAt ?? at, PrivacyConsentAt = before?.PrivacyConsentAt ?? at, RegisteredAt = before?.RegisteredAt ?? at,
                UpdatedAt = at, Community = before?.Community, CommunityReportedOn = before?.CommunityReportedOn,
            };
            _profiles[p.AadObjectId] = after;
            var history = _history.GetOrAdd(p.AadObjectId, _ => []);
            var moved = before is not null && before.DivisionId != p.DivisionId;
            if (before is null || moved)
            {
                if (history.Count > 0)
                {
                    history[^1] = history[^1] with { Until = today };
                }

                history.Add(new DivisionMembership(p.DivisionId, today, null));
            }

            return Task.FromResult(new VolunteerSaved(after, before is null ? SaveOutcome.Created : SaveOutcome.Updated, moved ? before!.DivisionId : null));
        }
    }

    public Task<Volunteer?> SetCommunityAsync(string aadObjectId, string community, DateOnly reportedOn, DateTimeOffset at, CancellationToken cancellationToken)
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

public sealed class InMemoryDivisionStore : IDivisionStore
{
    private readonly List<Division> _divisions = [];
    private int _next;

    public Division Add(string name)
    {
        lock (_divisions)
        {
            var d = new Division { Id = "d" + (++_next).ToString("D8", System.Globalization.CultureInfo.InvariantCulture), Name = name };
            _divisions.Add(d);
            return d;
        }
    }

    public Task<Division?> GetAsync(string divisionId, CancellationToken cancellationToken)
    {
        lock (_divisions)
        {
            return Task.FromResult(_divisions.FirstOrDefault(d => d.Id == divisionId));
        }
    }

    public Task<IReadOnlyList<Division>> ListAsync(bool includeArchived, CancellationToken cancellationToken)
    {
        lock (_divisions)
        {
            return Task.FromResult<IReadOnlyList<Division>>(_divisions.Where(d => includeArchived || !d.Archived).ToList());
        }
    }

    public Task<DivisionChange> CreateAsync(string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_divisions)
        {
            var existing = _divisions.FirstOrDefault(d => DivisionNames.Normalize(d.Name) == DivisionNames.Normalize(name));
            return Task.FromResult(existing is not null ? DivisionChange.Fail(DivisionError.NameTaken, existing) : DivisionChange.Ok(Add(name)));
        }
    }

    public Task<DivisionChange> RenameAsync(string divisionId, string newName, CancellationToken cancellationToken)
    {
        lock (_divisions)
        {
            if (_divisions.Any(d => d.Id != divisionId && DivisionNames.Normalize(d.Name) == DivisionNames.Normalize(newName)))
            {
                return Task.FromResult(DivisionChange.Fail(DivisionError.NameTaken));
            }

            return Update(divisionId, d => d with { Name = newName });
        }
    }

    public Task<DivisionChange> SetArchivedAsync(string divisionId, bool archived, CancellationToken cancellationToken) =>
        Update(divisionId, d => d with { Archived = archived });

    public Task<DivisionChange> AddLiaisonAsync(string divisionId, string aadObjectId, CancellationToken cancellationToken) =>
        Update(divisionId, d => d.IsLiaison(aadObjectId) ? d : d with { LiaisonAadObjectIds = [.. d.LiaisonAadObjectIds, aadObjectId] });

    public Task<DivisionChange> RemoveLiaisonAsync(string divisionId, string aadObjectId, CancellationToken cancellationToken) =>
        Update(divisionId, d => d with { LiaisonAadObjectIds = d.LiaisonAadObjectIds.Where(x => x != aadObjectId).ToList() });

    private Task<DivisionChange> Update(string id, Func<Division, Division> change)
    {
        lock (_divisions)
        {
            var i = _divisions.FindIndex(d => d.Id == id);
            if (i < 0)
            {
                return Task.FromResult(DivisionChange.Fail(DivisionError.NotFound));
            }

            _divisions[i] = change(_divisions[i]);
            return Task.FromResult(DivisionChange.Ok(_divisions[i]));
        }
    }
}

public sealed class InMemoryStaffStore : IStaffStore
{
    public ConcurrentDictionary<string, StaffRecord> Records { get; } = new();

    public Task<StaffImportResult> ImportAsync(string teamId, IReadOnlyList<StaffMember> members, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (changed, result) = StaffRoster.Import([.. Records.Values], teamId, members, at);
        foreach (var r in changed)
        {
            Records[r.AadObjectId] = r;
        }

        return Task.FromResult(result);
    }

    public Task<StaffRecord?> GetAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Task.FromResult(Records.TryGetValue(aadObjectId, out var r) ? r : null);

    public Task MarkUnreachableAsync(string aadObjectId, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (Records.TryGetValue(aadObjectId, out var r))
        {
            Records[aadObjectId] = r with { UnreachableReason = reason, UnreachableAt = reason is null ? null : at };
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StaffRecord>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StaffRecord>>(Records.Values.ToList());

    public Task MarkOptedOutAsync(string aadObjectId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Records.AddOrUpdate(aadObjectId, _ => new StaffRecord { AadObjectId = aadObjectId, Name = "", OptedOutAt = at }, (_, r) => r with { OptedOutAt = at });
        return Task.CompletedTask;
    }

    public Task MarkInvitedAsync(IReadOnlyCollection<string> aadObjectIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var id in aadObjectIds)
        {
            Records.AddOrUpdate(id, _ => new StaffRecord { AadObjectId = id, Name = "", LastInvitedAt = at }, (_, r) => r with { LastInvitedAt = at });
        }

        return Task.CompletedTask;
    }
}

public sealed class InMemoryFeedbackStore : IFeedbackStore
{
    private readonly ConcurrentDictionary<(string, string), Feedback> _items = new();

    public Task<FeedbackAdded> AddAsync(Feedback feedback, CancellationToken cancellationToken)
    {
        var stored = _items.GetOrAdd((feedback.AadObjectId, feedback.Id), feedback);
        return Task.FromResult(new FeedbackAdded(stored, ReferenceEquals(stored, feedback)));
    }

    public Task<Feedback?> GetAsync(string aadObjectId, string id, CancellationToken cancellationToken) =>
        Task.FromResult(_items.TryGetValue((aadObjectId, id), out var f) ? f : null);

    public Task<IReadOnlyList<Feedback>> ListByVolunteerAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Feedback>>(_items.Values.Where(f => f.AadObjectId == aadObjectId).ToList());

    public Task<int> EraseNameAsync(string aadObjectId, string replacement, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            var mine = _items.Where(i => i.Key.Item1 == aadObjectId && i.Value.Name != replacement).ToList();
            foreach (var (key, f) in mine)
            {
                _items[key] = f with { Name = replacement };
            }

            return Task.FromResult(mine.Count);
        }
    }

    public Task<FeedbackReplied?> ReplyAsync(string aadObjectId, string id, string reply, string byAadObjectId, string byName, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            if (!_items.TryGetValue((aadObjectId, id), out var f))
            {
                return Task.FromResult<FeedbackReplied?>(null);
            }

            if (f.IsAnswered)
            {
                return Task.FromResult<FeedbackReplied?>(new FeedbackReplied(f, false));
            }

            var after = f with { Reply = reply, RepliedByAadObjectId = byAadObjectId, RepliedByName = byName, RepliedAt = at };
            _items[(aadObjectId, id)] = after;
            return Task.FromResult<FeedbackReplied?>(new FeedbackReplied(after, true));
        }
    }
}

public sealed class FakeRosterSource : ITeamRosterSource
{
    public List<InstalledTeam> Teams { get; } = [];
    public Dictionary<string, List<StaffMember>> Members { get; } = [];
    public HashSet<string> Reachable { get; } = [];

    public Task<IReadOnlyList<InstalledTeam>> ListTeamsAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<InstalledTeam>>(Teams);

    public Task<IReadOnlyList<StaffMember>> GetMembersAsync(string teamId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StaffMember>>(Members.TryGetValue(teamId, out var m) ? m : []);

    public Task<bool> CanReachAsync(string aadObjectId, CancellationToken cancellationToken) => Task.FromResult(Reachable.Contains(aadObjectId));
}

public sealed class InMemoryUserSettingsStore : IUserSettingsStore
{
    public Task<UserSettings?> GetAsync(string aadObjectId, CancellationToken cancellationToken) => Task.FromResult<UserSettings?>(null);

    public Task SetLanguageAsync(string aadObjectId, Language language, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<bool> TryMarkWelcomedAsync(string aadObjectId, DateTimeOffset at, CancellationToken cancellationToken) => Task.FromResult(true);
}

/// <summary>Everything a team dialog needs, in memory, plus a turn builder.</summary>
public sealed class TeamWorld
{
    public const string CommitteeId = "committee-1";

    public InMemoryVolunteerStore Volunteers { get; } = new();
    public InMemoryDivisionStore Divisions { get; } = new();
    public InMemoryStaffStore Staff { get; } = new();
    public InMemoryFeedbackStore Feedback { get; } = new();
    public FakeRosterSource Roster { get; } = new();
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 10, 2, 0, 0, TimeSpan.Zero));
    public IOptions<VolunteeringOptions> Options { get; } = Microsoft.Extensions.Options.Options.Create(new VolunteeringOptions { CommitteeAadObjectIds = [CommitteeId] });
    public LanguageResolver Languages => new(new InMemoryUserSettingsStore(), Options);

    public async Task<Turn> TurnAsync(string aadObjectId, string name, string? verb = null, IDictionary<string, string>? data = null,
        string text = "", Language language = Language.ZhCn, string? teamId = null)
    {
        var roles = await new RoleResolver(Options, Volunteers, Divisions).ResolveAsync(aadObjectId, CancellationToken.None);
        return new Turn
        {
            User = new UserIdentity(aadObjectId, "29:" + aadObjectId, name),
            TenantId = "tenant",
            ConversationId = "a:" + aadObjectId,
            Kind = teamId is null ? ConversationKind.Personal : ConversationKind.Channel,
            Text = text,
            Verb = verb,
            Data = new CardData(new Dictionary<string, string>(data ?? new Dictionary<string, string>())),
            IsInvoke = verb is not null,
            TeamId = teamId,
            L = Localizer.For(language),
            Roles = roles,
        };
    }
}

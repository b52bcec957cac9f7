using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Tests.Projects;

/// <summary>In-memory doubles for dialog tests (tests only; production always uses the Table stores).</summary>
internal sealed class MemoryProjectStore : IProjectStore
{
    private readonly ConcurrentDictionary<string, Project> _items = new();
    private readonly object _gate = new();

    public IReadOnlyCollection<Project> All => [.. _items.Values];

    public Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken) =>
        Task.FromResult(_items.TryGetValue(projectId, out var p) ? p : null);

    public Task CreateAsync(Project project, CancellationToken cancellationToken)
    {
        if (!_items.TryAdd(project.Id, project))
        {
            throw new InvalidOperationException("exists");
        }

        return Task.CompletedTask;
    }

    public Task<ProjectUpdate> UpdateAsync(string projectId, Func<Project, Project> change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(projectId, out var before))
            {
                return Task.FromResult(new ProjectUpdate(null, null));
            }

            var after = change(before);
            _items[projectId] = after;
            return Task.FromResult(new ProjectUpdate(before, after));
        }
    }

    public Task<IReadOnlyList<Project>> ListByStatusAsync(IReadOnlyCollection<ProjectStatus> statuses, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Project>>(_items.Values.Where(p => statuses.Contains(p.Status)).OrderBy(p => p.Start).ToList());

    public Task<IReadOnlyList<Project>> ListStartingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Project>>(_items.Values.Where(p => p.Start >= from && p.Start < to).OrderBy(p => p.Start).ToList());

    public Task<IReadOnlyList<Project>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Project>>(_items.Values.Where(p => p.Involves(divisionId)).ToList());
}

internal sealed class MemorySignUpStore : ISignUpStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(string, string), SignUp> _rows = [];
    private long _next;

    public Task<SignUpResult> SignUpAsync(SignUpRequest r, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_rows.TryGetValue((r.ProjectId, r.VolunteerAadObjectId), out var existing) && existing.Status != SignUpStatus.Cancelled)
            {
                return Task.FromResult(new SignUpResult(existing, SignUpOutcome.AlreadySignedUp, 0));
            }

            var of = _rows.Values.Where(s => s.ProjectId == r.ProjectId).ToList();
            var confirmed = of.Count(s => s.Status == SignUpStatus.Confirmed);
            var status = confirmed < r.Capacity ? SignUpStatus.Confirmed : SignUpStatus.Waitlisted;
            var row = new SignUp
            {
                ProjectId = r.ProjectId, VolunteerAadObjectId = r.VolunteerAadObjectId, VolunteerName = r.VolunteerName, DivisionId = r.DivisionId,
                Status = status, Sequence = ++_next, SignedUpAt = r.At,
            };
            _rows[(r.ProjectId, r.VolunteerAadObjectId)] = row;
            var position = status == SignUpStatus.Waitlisted ? of.Count(s => s.Status == SignUpStatus.Waitlisted) + 1 : 0;
            return Task.FromResult(new SignUpResult(row, status == SignUpStatus.Confirmed ? SignUpOutcome.Confirmed : SignUpOutcome.Waitlisted, position));
        }
    }

    public Task<CancelResult> CancelAsync(string projectId, string who, int capacity, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_rows.TryGetValue((projectId, who), out var row) || row.Status == SignUpStatus.Cancelled)
            {
                return Task.FromResult(new CancelResult(null, [], false));
            }

            _rows[(projectId, who)] = row with { Status = SignUpStatus.Cancelled, CancelledAt = at };
            var promoted = new List<SignUp>();
            var of = _rows.Values.Where(s => s.ProjectId == projectId).ToList();
            var free = capacity - of.Count(s => s.Status == SignUpStatus.Confirmed);
            foreach (var w in of.Where(s => s.Status == SignUpStatus.Waitlisted).OrderBy(s => s.Sequence).Take(Math.Max(0, free)))
            {
                var up = w with { Status = SignUpStatus.Confirmed, PromotedAt = at };
                _rows[(projectId, w.VolunteerAadObjectId)] = up;
                promoted.Add(up);
            }

            return Task.FromResult(new CancelResult(_rows[(projectId, who)], promoted, true));
        }
    }

    public Task<SignUp?> GetAsync(string projectId, string who, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_rows.TryGetValue((projectId, who), out var s) ? s : null);
        }
    }

    public Task<IReadOnlyList<SignUp>> ListByProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SignUp>>(_rows.Values.Where(s => s.ProjectId == projectId).OrderBy(s => s.Sequence).ToList());
        }
    }

    public Task<IReadOnlyList<SignUp>> ListByVolunteerAsync(string who, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<SignUp>>(_rows.Values.Where(s => s.VolunteerAadObjectId == who).ToList());
        }
    }

    public Task<int> EraseNameAsync(string who, string replacement, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var mine = _rows.Where(r => r.Key.Item2 == who && r.Value.VolunteerName != replacement).ToList();
            foreach (var (key, row) in mine)
            {
                _rows[key] = row with { VolunteerName = replacement };
            }

            return Task.FromResult(mine.Count);
        }
    }

    public Task<SignUpCounts> CountAsync(string projectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var of = _rows.Values.Where(s => s.ProjectId == projectId).ToList();
            return Task.FromResult(new SignUpCounts(of.Count(s => s.Status == SignUpStatus.Confirmed), of.Count(s => s.Status == SignUpStatus.Waitlisted)));
        }
    }
}

internal sealed class MemoryVolunteers : IVolunteerStore
{
    public List<Volunteer> Items { get; } = [];

    public Task<Volunteer?> GetAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Task.FromResult(Items.FirstOrDefault(v => v.AadObjectId == aadObjectId));

    public Task<IReadOnlyList<Volunteer>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Volunteer>>(Items.Where(v => v.DivisionId == divisionId).ToList());

    public Task<IReadOnlyList<Volunteer>> ListAllAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<Volunteer>>(Items.ToList());

    // Registration is the team feature's; project tests seed Items directly.
    public Task<IReadOnlyList<DivisionMembership>> GetMembershipsAsync(string aadObjectId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<VolunteerSaved> SaveAsync(VolunteerProfile profile, DateTimeOffset at, DateOnly today, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<Volunteer?> SetCommunityAsync(string aadObjectId, string community, DateOnly reportedOn, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> EraseAsync(string aadObjectId, CancellationToken cancellationToken) =>
        Task.FromResult(Items.RemoveAll(v => v.AadObjectId == aadObjectId) > 0);
}

internal sealed class MemoryDivisions : IDivisionStore
{
    public List<Division> Items { get; } = [];

    public Task<Division?> GetAsync(string divisionId, CancellationToken cancellationToken) =>
        Task.FromResult(Items.FirstOrDefault(d => d.Id == divisionId));

    public Task<IReadOnlyList<Division>> ListAsync(bool includeArchived, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Division>>(Items.Where(d => includeArchived || !d.Archived).ToList());

    // Division management is the team feature's; project tests seed Items directly.
    public Task<DivisionChange> CreateAsync(string name, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DivisionChange> RenameAsync(string divisionId, string newName, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DivisionChange> SetArchivedAsync(string divisionId, bool archived, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DivisionChange> AddLiaisonAsync(string divisionId, string aadObjectId, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<DivisionChange> RemoveLiaisonAsync(string divisionId, string aadObjectId, CancellationToken cancellationToken) => throw new NotSupportedException();
}

/// <summary>A department with two divisions (节能与综合利用处 with liaison 李强, 政策法规处 with liaison 赵敏), volunteers and a committee.</summary>
internal sealed class ProjectWorld
{
    public const string Committee = "committee-1";
    public const string Committee2 = "committee-2";
    public const string Energy = "d-energy";
    public const string Law = "d-law";
    public const string Liaison = "liaison-energy";
    public const string LawLiaison = "liaison-law";

    public ProjectWorld()
    {
        Divisions.Items.Add(new Division { Id = Energy, Name = "节能与综合利用处", LiaisonAadObjectIds = [Liaison] });
        Divisions.Items.Add(new Division { Id = Law, Name = "政策法规处", LiaisonAadObjectIds = [LawLiaison] });
        Volunteers.Items.Add(Vol(Liaison, "李强", Energy));
        Volunteers.Items.Add(Vol(LawLiaison, "赵敏", Law));
        for (var i = 0; i < 3; i++)
        {
            Volunteers.Items.Add(Vol("energy-" + i, "节能志愿者" + i, Energy));
            Volunteers.Items.Add(Vol("law-" + i, "法规志愿者" + i, Law));
        }

        Context = new ProjectContext(Projects, SignUps, Volunteers, Divisions, Time, ProjectSamples.Options(Committee, Committee2));
        Announcer = new ProjectAnnouncer(Context);
    }

    public FakeTimeProvider Time { get; } = new(ProjectSamples.Local(2025, 5, 10, 10));
    public MemoryProjectStore Projects { get; } = new();
    public MemorySignUpStore SignUps { get; } = new();
    public MemoryVolunteers Volunteers { get; } = new();
    public MemoryDivisions Divisions { get; } = new();
    public ProjectContext Context { get; }
    public ProjectAnnouncer Announcer { get; }

    public static Volunteer Vol(string id, string name, string division) => new() { AadObjectId = id, Name = name, DivisionId = division };

    public Turn Turn(string user, string name, string? verb = null, Dictionary<string, string>? data = null, string text = "", Language language = Language.ZhCn)
    {
        var isCommittee = user is Committee or Committee2;
        var liaisonOf = Divisions.Items.Where(d => d.LiaisonAadObjectIds.Contains(user)).Select(d => d.Id).ToHashSet();
        var volunteer = Volunteers.Items.FirstOrDefault(v => v.AadObjectId == user);
        return new Turn
        {
            User = new UserIdentity(user, "29:" + user, name),
            TenantId = "t",
            ConversationId = "a:" + user,
            Kind = ConversationKind.Personal,
            Text = text,
            Verb = verb,
            Data = new CardData(data ?? []),
            IsInvoke = verb is not null,
            L = Localizer.For(language),
            Roles = new UserRoles(volunteer is not null, isCommittee, liaisonOf, volunteer?.DivisionId),
        };
    }

    /// <summary>李强 files <see cref="Filing"/> and 张书记 approves it through the dialogs; returns it open, with the approval's result.</summary>
    public async Task<(Project Project, TurnResult Approval)> OpenProjectAsync()
    {
        await new ProjectFileHandler(Context).HandleAsync(Turn(Liaison, "李强", "project.file.submit", Filing()), CancellationToken.None);
        var id = Projects.All.Single().Id;
        var approval = await new ProjectReviewHandler(Context, Announcer).HandleAsync(Turn(Committee, "张书记", "project.approve", new() { ["projectId"] = id }), CancellationToken.None);
        return (Projects.All.Single(), approval);
    }

    /// <summary>The volunteer signs up for the project through the dialog.</summary>
    public Task<TurnResult> SignUpAsync(Project p, string who) =>
        new SignUpHandler(Context).HandleAsync(Turn(who, "志愿者", "project.signup", new() { ["projectId"] = p.Id }), CancellationToken.None);

    /// <summary>A complete, valid filing card for 节能与综合利用处 (jointly with 政策法规处), starting in a week.</summary>
    public static Dictionary<string, string> Filing(string draftId = "draft-1") => new()
    {
        ["title"] = "工业节能宣传进企业",
        ["category"] = "industrial-energy",
        ["organiser"] = "branch",
        ["division"] = Energy,
        ["joint"] = Law,
        ["startDate"] = "2025-05-17",
        ["startTime"] = "09:00",
        ["endDate"] = "",
        ["endTime"] = "12:00",
        ["place"] = "银川市金凤区工业园区",
        ["capacity"] = "2",
        ["description"] = "向园区企业宣传工业节能政策。",
        ["industry"] = "true",
        ["draftId"] = draftId,
    };
}

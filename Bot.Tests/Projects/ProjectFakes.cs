using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Tests.Projects;

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
        Divisions.Seed(new Division { Id = Energy, Name = "节能与综合利用处", LiaisonAadObjectIds = [Liaison] });
        Divisions.Seed(new Division { Id = Law, Name = "政策法规处", LiaisonAadObjectIds = [LawLiaison] });
        Volunteers.Seed(Vol(Liaison, "李强", Energy));
        Volunteers.Seed(Vol(LawLiaison, "赵敏", Law));
        for (var i = 0; i < 3; i++)
        {
            Volunteers.Seed(Vol("energy-" + i, "节能志愿者" + i, Energy));
            Volunteers.Seed(Vol("law-" + i, "法规志愿者" + i, Law));
        }

        Context = new ProjectContext(Projects, SignUps, Volunteers, Divisions, Time, ProjectSamples.Options(Committee, Committee2));
        Announcer = new ProjectAnnouncer(Context);
    }

    public FakeTimeProvider Time { get; } = new(ProjectSamples.Local(2025, 5, 10, 10));
    public MemoryProjectStore Projects { get; } = new();
    public MemorySignUpStore SignUps { get; } = new();
    public MemoryVolunteerStore Volunteers { get; } = new();
    public MemoryDivisionStore Divisions { get; } = new();
    public ProjectContext Context { get; }
    public ProjectAnnouncer Announcer { get; }

    public static Volunteer Vol(string id, string name, string division) => new() { AadObjectId = id, Name = name, DivisionId = division };

    public Turn Turn(string user, string name, string? verb = null, Dictionary<string, string>? data = null, string text = "", Language language = Language.ZhCn)
    {
        var isCommittee = user is Committee or Committee2;
        var liaisonOf = Divisions.All.Where(d => d.LiaisonAadObjectIds.Contains(user)).Select(d => d.Id).ToHashSet();
        var volunteer = Volunteers.All.FirstOrDefault(v => v.AadObjectId == user);
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

using BenchmarkDotNet.Attributes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Benchmarks.Micro;

/// <summary>Building the cards of the commonest turns, to the JSON a reply carries.</summary>
[MemoryDiagnoser]
public class CardBenchmarks
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly DateTimeOffset _now = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private Turn _volunteer = null!;
    private Turn _committee = null!;
    private Project _project = null!;
    private Dictionary<string, string> _divisions = null!;
    private SignUp _mine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _volunteer = Samples.Turn(new UserRoles(true, false, new HashSet<string>(), "d1"));
        _committee = Samples.Turn(new UserRoles(true, true, new HashSet<string> { "d1" }, "d1"));
        var start = _now.AddDays(5);
        _project = new Project
        {
            Id = "2026-0a1b2c3d", Title = "垃圾分类宣传进社区", CategoryId = "waste-sorting", Organiser = OrganiserType.Branch,
            Origin = ProjectOrigin.Applied, DivisionId = "d1", Start = start, End = start.AddHours(3), Place = "金凤区XX社区", Capacity = 30,
            Description = "入户宣传垃圾分类知识，发放宣传册。", Status = ProjectStatus.Open, FiledByAadObjectId = "liaison", FiledByName = "李强",
            FiledAt = _now.AddDays(-7), DeclarationNumber = "SB-001",
        };
        _divisions = new Dictionary<string, string> { ["d1"] = "中小企业处" };
        _mine = new SignUp
        {
            ProjectId = _project.Id, VolunteerAadObjectId = _volunteer.User.AadObjectId, VolunteerName = "王芳", DivisionId = "d1",
            Status = SignUpStatus.Confirmed, Sequence = 3, SignedUpAt = _now.AddDays(-1),
        };
    }

    [Benchmark(Description = "help card (帮助), volunteer")]
    public object HelpVolunteer() => MenuCards.Help(_volunteer.L, Samples.Menu(_volunteer.L, everything: false)).ToJson();

    [Benchmark(Description = "help card (帮助), committee")]
    public object HelpCommittee() => MenuCards.Help(_committee.L, Samples.Menu(_committee.L, everything: true)).ToJson();

    [Benchmark(Description = "welcome card")]
    public object Welcome() => MenuCards.Welcome(_volunteer.L, _volunteer.User.Name, _volunteer.Roles.IsRegistered).ToJson();

    [Benchmark(Description = "project detail card, signed up, refreshable")]
    public object ProjectDetail() =>
        ProjectCards.Detail(_volunteer.L, _project, _divisions, Zone, _now, _mine, new SignUpCounts(12, 0), refreshFor: _volunteer).ToJson();
}

internal static class Samples
{
    /// <summary>The help menu's sections from the shipped catalogue: every group, or the first three (a volunteer's).</summary>
    public static IReadOnlyList<MenuSection> Menu(Localizer l, bool everything) =>
        [.. CommandCatalog.Shared.Menu.Take(everything ? int.MaxValue : 3)
            .Select(g => new MenuSection(g.Label, [.. g.Items.Where(i => !i.UnregisteredOnly).Select(i => new MenuButton(l[i.Label], i.Command))]))];

    public static Turn Turn(UserRoles roles) => new()
    {
        User = new UserIdentity("9eade726-3eb3-4730-ab54-e51a78eca201", "29:1abc", "王芳"),
        TenantId = "72f988bf-0000-4000-8000-00000000c0de",
        ConversationId = "a:personal-9eade726",
        Kind = ConversationKind.Personal,
        Text = "帮助",
        L = Localizer.For(Language.ZhCn),
        Roles = roles,
    };
}

using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Handlers.Privacy;
using VolunteerBot.Jobs;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Rules;

/// <summary>
/// R2 through the real pipeline on Azurite: a committee member added in chat (机关党委成员) — not in configuration —
/// receives every kind of committee notice, on the durable path (the connector, not the turn's reply), in their own
/// language (陈静 reads English; the configuration member reads Chinese).
/// </summary>
public sealed class CommitteeNoticesEndToEndTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly TestUser _added = TestUser.New("陈静");
    private RulesWorld _w = null!;
    private int _before; // connector calls made while setting up (welcome cards, the language reply): not notices

    public async Task InitializeAsync()
    {
        _w = await RulesWorld.StartAsync(new Dictionary<string, string?> { ["Reminders:Sending:IdlePoll"] = "00:00:00.200" });
        await Bot.Service<IStaffStore>().ImportAsync("team-1",
        [
            new StaffMember(TestUser.Committee.AadObjectId, "张书记", null),
            new StaffMember(_added.AadObjectId, "陈静", null),
        ], _w.Now, _ct);
        var added = CardText.Of(await Bot.ExecuteAsync(TestUser.Committee, CommitteeCards.AddVerb,
            new Dictionary<string, string> { [CommitteeCards.CandidateKey] = _added.AadObjectId }));
        Assert.Contains("已添加 陈静 为机关党委成员", added, StringComparison.Ordinal);
        await _w.InstallAsync(_added);
        await _w.InstallAsync(TestUser.Committee);
        await Bot.SayAsync(_added, "English");
        await _w.Connector.WaitForAsync(c => c.Any(x => x.Path.Contains(_added.ConversationId, StringComparison.Ordinal) && (x.Text ?? x.CardText).Contains("now in English", StringComparison.Ordinal)));
        _before = _w.Connector.Calls.Count;
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private BotFactory Bot => _w.Bot;

    private IEnumerable<ConnectorCall> To(TestUser user, string text) =>
        _w.Connector.Calls.Skip(_before).Where(c => c.Path.Contains(user.ConversationId, StringComparison.Ordinal)
            && (c.CardText.Contains(text, StringComparison.Ordinal) || c.Text?.Contains(text, StringComparison.Ordinal) == true));

    /// <summary>Waits until the added member got <paramref name="english"/> and the configuration member <paramref name="chinese"/>.</summary>
    private async Task BothToldAsync(string english, string chinese)
    {
        await _w.Connector.WaitForAsync(_ => To(_added, english).Any() && To(TestUser.Committee, chinese).Any(), TimeSpan.FromSeconds(60));
        Assert.Single(To(_added, english)); // once, in English
    }

    private async Task<Project> UpcomingAsync(string divisionId, string title)
    {
        var start = _w.Now.AddDays(3);
        var p = new Project
        {
            Id = Project.NewId(start.Year), Title = title, CategoryId = "waste-sorting", Organiser = OrganiserType.Branch, Origin = ProjectOrigin.Applied,
            DivisionId = divisionId, Start = start, End = start.AddHours(3), Place = "金凤区XX社区", Capacity = 30, Status = ProjectStatus.Open,
            FiledByAadObjectId = _w.Liaison.AadObjectId, FiledByName = _w.Liaison.Name, FiledAt = start.AddDays(-7),
        };
        await Bot.Service<IProjectStore>().CreateAsync(p, _ct);
        return p;
    }

    [Fact]
    public async Task ProjectFiled_MemberAddedInChat_GetsTheReviewCardInEnglish()
    {
        await Bot.ExecuteAsync(_w.Liaison, ProjectVerbs.FileSubmit, new Dictionary<string, string>
        {
            ["title"] = "垃圾分类宣传进社区", ["category"] = "waste-sorting", ["organiser"] = "branch", ["division"] = _w.Division.Id,
            ["startDate"] = _w.Now.AddHours(8).AddDays(5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["startTime"] = "09:00", ["endTime"] = "12:00", ["place"] = "金凤区XX社区", ["capacity"] = "10",
            ["description"] = "入户宣传垃圾分类知识", ["draftId"] = Guid.NewGuid().ToString("N"),
        });

        await BothToldAsync("For review: 垃圾分类宣传进社区", "垃圾分类宣传进社区");
        var card = To(_added, "For review").Single().CardText;
        Assert.Contains(ProjectVerbs.Approve, card, StringComparison.Ordinal);
        Assert.Contains("8:orgid:" + _added.AadObjectId, card, StringComparison.Ordinal); // the refresh keeps the added member's card current too
    }

    [Fact]
    public async Task Feedback_MemberAddedInChat_GetsTheSuggestionInEnglish()
    {
        await Bot.ExecuteAsync(_w.Volunteer, TeamVerbs.FeedbackSubmit, new Dictionary<string, string>
        {
            [TeamFeedbackCards.KindKey] = TeamFeedbackCards.SuggestionKind,
            [TeamFeedbackCards.IdKey] = "0123456789abcdef0123456789abcdef",
            [TeamFeedbackCards.TextKey] = "建议增加周末志愿服务活动",
        });

        await BothToldAsync("New suggestion", "建议增加周末志愿服务活动");
        Assert.Contains("建议增加周末志愿服务活动", To(_added, "New suggestion").Single().CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LeaveRequest_MemberAddedInChat_GetsTheReviewCardInEnglish()
    {
        await Bot.ExecuteAsync(_w.Volunteer, LeaveHandler.RequestVerb);

        await BothToldAsync("Request to leave: 王芳", "王芳");
    }

    [Fact]
    public async Task GearRequest_MemberAddedInChat_GetsTheRequestInEnglish()
    {
        var project = await UpcomingAsync(_w.Division.Id, "文明交通劝导");
        var vest = (await Bot.Service<IGearStore>().AddItemAsync("志愿者马甲", 10, _w.Now, _ct)).Item!;

        await Bot.ExecuteAsync(_w.Liaison, GearVerbs.RequestSubmit, new Dictionary<string, string>
        {
            [GearCards.LoanId] = "0123456789ab", [GearCards.ProjectId] = project.Id, [GearCards.QuantityPrefix + vest.Id] = "4",
        });

        await BothToldAsync("New gear request", "志愿者马甲");
    }

    [Fact]
    public async Task HoursSweep_DivisionWithoutLiaison_MemberAddedInChatGetsTheConfirmationCardInEnglish()
    {
        var orphan = (await Bot.Service<IDivisionStore>().CreateAsync("节能与综合利用处", _w.Now, _ct)).Division!;
        var start = _w.Now.AddDays(-1);
        var project = new Project
        {
            Id = Project.NewId(start.Year), Title = "节能宣传周", CategoryId = "waste-sorting", Organiser = OrganiserType.Branch, Origin = ProjectOrigin.Applied,
            DivisionId = orphan.Id, Start = start, End = start.AddHours(3), Place = "金凤区XX社区", Capacity = 30, Status = ProjectStatus.Open,
            FiledByAadObjectId = TestUser.Committee.AadObjectId, FiledByName = "张书记", FiledAt = start.AddDays(-7),
        };
        await Bot.Service<IProjectStore>().CreateAsync(project, _ct);
        await Bot.Service<ISignUpStore>().SignUpAsync(new SignUpRequest(project.Id, _w.Volunteer.AadObjectId, _w.Volunteer.Name, orphan.Id, 30, start.AddDays(-3)), _ct);

        var result = await Bot.Service<HoursConfirmationSweep>().RunOnceAsync(_ct);

        Assert.Equal(1, result.CardsSent);
        await BothToldAsync("Confirm hours: 节能宣传周", "节能宣传周");
    }

    [Fact]
    public async Task GearOverdue_HolderIsTheOnlyLiaison_MemberAddedInChatToldInEnglish()
    {
        var store = Bot.Service<IGearStore>();
        var vest = (await store.AddItemAsync("志愿者马甲", 10, _w.Now.AddDays(-40), _ct)).Item!;
        var loan = (await store.RequestAsync(new GearLoan
        {
            Id = GearLoan.NewId(), ProjectId = "2026-0000abcd", ProjectTitle = "文明交通劝导", ActivityEnd = _w.Now.AddDays(-30),
            DivisionId = _w.Division.Id, Lines = [new GearLine(vest.Id, vest.Name, 5)], Status = GearLoanStatus.Requested,
            RequestedByAadObjectId = _w.Liaison.AadObjectId, RequestedByName = "李强", RequestedAt = _w.Now.AddDays(-35),
        }, _ct)).After!;
        await store.UpdateLoanAsync(loan.Id, l => GearRules.HandOver(l, TestUser.Committee.AadObjectId, "张书记", _w.Now.AddDays(-35)), _ct);

        var sweep = Bot.Service<GearOverdueSweep>();
        await sweep.RunOnceAsync(_ct);
        await sweep.RunOnceAsync(_ct);

        await BothToldAsync("Division gear overdue", "文明交通劝导");
    }

    [Fact]
    public async Task QuarterlyRun_MemberAddedInChat_GetsTheDigestInEnglish()
    {
        await Bot.SayAsync(TestUser.Committee, "立即提醒");

        await BothToldAsync("Quarterly digest, ", "季度简报");
    }
}

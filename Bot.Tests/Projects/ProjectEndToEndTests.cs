using System.Net;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Projects;

/// <summary>Through the real HTTP pipeline on Azurite with the fake connector receiving proactive messages.</summary>
public sealed class ProjectEndToEndTests : IAsyncLifetime
{
    private string Energy = "";
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;
    private readonly TestUser _liaison = TestUser.New("李强");

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector);
        Energy = await ProjectSeed.DivisionAsync(_bot, "节能与综合利用处", _liaison.AadObjectId);
        await ProjectSeed.VolunteerAsync(_bot, _liaison, Energy);
        await ProjectSeed.InstallAsync(_bot, TestUser.Committee);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private object Filing(int capacity) => new Dictionary<string, string>
    {
        ["title"] = "垃圾分类宣传进社区",
        ["category"] = "waste-sorting",
        ["organiser"] = "branch",
        ["division"] = Energy,
        ["startDate"] = DateTimeOffset.UtcNow.AddHours(8).AddDays(5).ToString("yyyy-MM-dd"),
        ["startTime"] = "09:00",
        ["endTime"] = "12:00",
        ["place"] = "金凤区XX社区",
        ["capacity"] = capacity.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["description"] = "入户宣传垃圾分类知识",
        ["draftId"] = Guid.NewGuid().ToString("N"),
    };

    private async Task<string> FileAndApproveAsync(int capacity)
    {
        var filed = await _bot.ExecuteAsync(_liaison, "project.file.submit", Filing(capacity));
        Assert.Contains("已报备：垃圾分类宣传进社区", CardText.Of(filed), StringComparison.Ordinal);
        var pending = await _bot.Service<IProjectStore>().ListByStatusAsync([ProjectStatus.Filed], CancellationToken.None);
        var id = Assert.Single(pending).Id;
        var approved = await _bot.ExecuteAsync(TestUser.Committee, "project.approve", new { projectId = id });
        Assert.Contains("已批准（张书记）", CardText.Of(approved), StringComparison.Ordinal);
        return id;
    }

    private static bool IsTo(ConnectorCall c, TestUser u) => c.Path == $"/v3/conversations/{u.ConversationId}/activities";

    [Fact]
    public async Task FileApproveAnnounceSignUpWaitlistPromotion_ProactiveMessagesReachTheConnector()
    {
        var volunteers = Enumerable.Range(1, 3).Select(i => TestUser.New("志愿者" + i)).ToList();
        foreach (var v in volunteers)
        {
            await ProjectSeed.VolunteerAsync(_bot, v, Energy);
        }

        var filed = await _bot.ExecuteAsync(_liaison, "project.file.submit", Filing(2));
        await _connector.WaitForAsync(calls => calls.Any(c => IsTo(c, TestUser.Committee) && c.CardText.Contains("待审核：垃圾分类宣传进社区", StringComparison.Ordinal)));
        var id = (await _bot.Service<IProjectStore>().ListByStatusAsync([ProjectStatus.Filed], CancellationToken.None)).Single().Id;

        var approved = await _bot.ExecuteAsync(TestUser.Committee, "project.approve", new { projectId = id });
        Assert.Contains("已批准（张书记）", CardText.Of(approved), StringComparison.Ordinal);
        await _connector.WaitForAsync(calls =>
            volunteers.All(v => calls.Any(c => IsTo(c, v) && c.CardText.Contains("新的志愿服务活动开始报名", StringComparison.Ordinal)))
            && calls.Any(c => IsTo(c, _liaison) && (c.Text ?? "").Contains("已获机关党委批准", StringComparison.Ordinal)));

        var first = await _bot.ExecuteAsync(volunteers[0], "project.signup", new { projectId = id });
        var second = await _bot.ExecuteAsync(volunteers[1], "project.signup", new { projectId = id });
        var third = await _bot.ExecuteAsync(volunteers[2], "project.signup", new { projectId = id });
        Assert.Contains("报名成功", CardText.Of(first), StringComparison.Ordinal);
        Assert.Contains("报名成功", CardText.Of(second), StringComparison.Ordinal);
        Assert.Contains("候补名单第 1 位", CardText.Of(third), StringComparison.Ordinal);

        var cancelled = await _bot.ExecuteAsync(volunteers[0], "project.signup.cancel", new { projectId = id });
        Assert.Contains("已取消报名", CardText.Of(cancelled), StringComparison.Ordinal);
        await _connector.WaitForAsync(calls => calls.Any(c => IsTo(c, volunteers[2]) && (c.Text ?? "").Contains("由候补转为正式报名", StringComparison.Ordinal)));
        var promoted = await _bot.Service<ISignUpStore>().GetAsync(id, volunteers[2].AadObjectId, CancellationToken.None);
        Assert.Equal(SignUpStatus.Confirmed, promoted!.Status);
    }

    [Fact]
    public async Task ReturnWithReason_ReplayedInvoke_RunsOnceAndReturnsTheSameCard()
    {
        await _bot.ExecuteAsync(_liaison, "project.file.submit", Filing(5));
        var id = (await _bot.Service<IProjectStore>().ListByStatusAsync([ProjectStatus.Filed], CancellationToken.None)).Single().Id;
        var invoke = TestActivities.Invoke(_connector.Url, TestUser.Committee, "project.return", new { projectId = id, reason = "请补充活动地点" }, activityId: "retry-1");

        var (s1, b1) = await _bot.SendAsync(invoke);
        var (s2, b2) = await _bot.SendAsync((JsonObject)invoke.DeepClone());

        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Contains("已退回（张书记）：请补充活动地点", CardText.Of(b1), StringComparison.Ordinal);
        Assert.Equal(b1!["value"]!.ToJsonString(), b2!["value"]!.ToJsonString());
        var project = await _bot.Service<IProjectStore>().GetAsync(id, CancellationToken.None);
        Assert.Single(project!.Returns);
    }

    [Fact]
    public async Task SignUp_DoubleTapWithDifferentActivityIds_OneSignUp()
    {
        var v = TestUser.New("王芳");
        await ProjectSeed.VolunteerAsync(_bot, v, Energy);
        var id = await FileAndApproveAsync(5);

        await _bot.ExecuteAsync(v, "project.signup", new { projectId = id });
        var again = await _bot.ExecuteAsync(v, "project.signup", new { projectId = id });

        Assert.Contains("无需重复报名", CardText.Of(again), StringComparison.Ordinal);
        Assert.Equal(new SignUpCounts(1, 0), await _bot.Service<ISignUpStore>().CountAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task WelcomeProjectsVerb_ShowsOpenProjects()
    {
        var v = TestUser.New("王芳");
        await ProjectSeed.VolunteerAsync(_bot, v, Energy);
        await FileAndApproveAsync(5);

        var list = await _bot.ExecuteAsync(v, "projects.list");

        Assert.Contains("垃圾分类宣传进社区", CardText.Of(list), StringComparison.Ordinal);
        Assert.Contains("剩余名额 5/5", CardText.Of(list), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_200ParallelAt30Seats_Exactly30Confirmed170WaitlistedInArrivalOrder()
    {
        var users = Enumerable.Range(0, 200).Select(i => TestUser.New("志愿者" + i)).ToList();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (u, _) => await ProjectSeed.VolunteerAsync(_bot, u, Energy, install: false));
        var id = await FileAndApproveAsync(30);

        var cards = await Task.WhenAll(users.Select(u => _bot.ExecuteAsync(u, "project.signup", new { projectId = id })));

        var signUps = await _bot.Service<ISignUpStore>().ListByProjectAsync(id, CancellationToken.None);
        Assert.DoesNotContain(cards, c => CardText.Of(c).Contains("系统暂时无法处理", StringComparison.Ordinal));
        Assert.Equal(200, signUps.Count);
        Assert.Equal(200, signUps.Select(s => s.VolunteerAadObjectId).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), signUps.Select(s => s.Sequence));
        Assert.Equal(30, signUps.Count(s => s.Status == SignUpStatus.Confirmed));
        Assert.Equal(170, signUps.Count(s => s.Status == SignUpStatus.Waitlisted));
        Assert.All(signUps.Take(30), s => Assert.Equal(SignUpStatus.Confirmed, s.Status));
        Assert.All(signUps.Skip(30), s => Assert.Equal(SignUpStatus.Waitlisted, s.Status));
        Assert.Equal(new SignUpCounts(30, 170), await _bot.Service<ISignUpStore>().CountAsync(id, CancellationToken.None));
        Assert.Equal(30, cards.Count(c => CardText.Of(c).Contains("报名成功", StringComparison.Ordinal)));
        Assert.Equal(170, cards.Count(c => CardText.Of(c).Contains("候补名单第", StringComparison.Ordinal)));

        // The first on the waitlist moves up when a confirmed volunteer cancels.
        var leaver = users.First(u => u.AadObjectId == signUps[0].VolunteerAadObjectId);
        await _bot.ExecuteAsync(leaver, "project.signup.cancel", new { projectId = id });
        var next = await _bot.Service<ISignUpStore>().GetAsync(id, signUps[30].VolunteerAadObjectId, CancellationToken.None);
        Assert.Equal(SignUpStatus.Confirmed, next!.Status);
    }
}

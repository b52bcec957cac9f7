using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Tests.Infrastructure;
using Xunit.Abstractions;

namespace VolunteerBot.Tests.Channel;

/// <summary>
/// Issue 15: what each kind of turn costs in storage requests, counted at the Azure SDK pipeline through the real
/// HTTP pipeline on Azurite. The budgets are the table in docs/benchmarks.md; a turn that needs more fails here.
/// Every turn is measured warm (the user has talked to this instance before), as almost every turn is.
/// </summary>
public sealed class TurnCostTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly StorageRequestCounter _counter = new();
    private readonly TestUser _volunteer = TestUser.New("王芳");
    private readonly TestUser _liaison = TestUser.New("李强");
    private readonly TestUser _stranger = TestUser.New("赵磊");
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;
    private Project _project = null!;
    private Project _upcoming = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, new Dictionary<string, string?> { ["Hours:ConfirmationSweep:Enabled"] = "false" })
        {
            Replace = _counter.Register,
        };
        _bot.Server.PreserveExecutionContext = true;
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var divisions = _bot.Service<IDivisionStore>();
        var division = (await divisions.CreateAsync("中小企业处", now, _ct)).Division!;
        await divisions.AddLiaisonAsync(division.Id, _liaison.AadObjectId, _ct);
        foreach (var user in new[] { _volunteer, _liaison })
        {
            await _bot.Service<IVolunteerStore>().SaveAsync(new VolunteerProfile(user.AadObjectId, user.Name, division.Id, false, null, null), now, today, _ct);
        }

        var start = now.AddDays(-1);
        _project = new Project
        {
            Id = Project.NewId(start.Year), Title = "垃圾分类宣传进社区", CategoryId = "waste-sorting", Organiser = OrganiserType.Branch,
            Origin = ProjectOrigin.Applied, DivisionId = division.Id, Start = start, End = start.AddHours(3), Place = "金凤区XX社区", Capacity = 30,
            Status = ProjectStatus.Open, FiledByAadObjectId = _liaison.AadObjectId, FiledByName = "李强", FiledAt = start.AddDays(-7), DeclarationNumber = "SB-001",
        };
        await _bot.Service<IProjectStore>().CreateAsync(_project, _ct);
        _upcoming = _project with { Id = Project.NewId(start.Year), Title = "敬老院志愿服务", Start = now.AddDays(5), End = now.AddDays(5).AddHours(3) };
        await _bot.Service<IProjectStore>().CreateAsync(_upcoming, _ct);
        await _bot.Service<ISignUpStore>().SignUpAsync(new SignUpRequest(_project.Id, _volunteer.AadObjectId, "王芳", division.Id, 30, start.AddDays(-3)), _ct);

        // Warm: each user has installed the app and talked once (the reference is known, the profile carries the language).
        foreach (var user in new[] { _volunteer, _liaison, _stranger, TestUser.Committee })
        {
            await _bot.SendAsync(TestActivities.InstallationUpdate(_connector.Url, user));
            Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(user, "帮助"));
        }

        await _connector.WaitForCountAsync(8);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    /// <summary>The next message the bot sends after <paramref name="before"/> calls.</summary>
    private async Task<ConnectorCall> ReplyAfterAsync(int before) => (await _connector.WaitForCountAsync(before + 1))[before];

    private async Task<IReadOnlyList<StorageRequest>> CountAsync(string kind, Func<Task> turn)
    {
        var requests = _counter.Begin();
        await turn();
        var list = requests.ToList();
        output.WriteLine($"{kind}: {list.Count} request(s)");
        foreach (var r in list)
        {
            output.WriteLine("  " + r);
        }

        return list;
    }

    private Task<IReadOnlyList<StorageRequest>> SayAsync(TestUser user, string text) =>
        CountAsync(text, async () => Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(user, text)));

    private Task<IReadOnlyList<StorageRequest>> ExecuteAsync(TestUser user, string verb, object? data = null, bool automatic = false) =>
        CountAsync(verb, async () =>
        {
            var invoke = TestActivities.Invoke(_connector.Url, user, verb, data);
            if (automatic)
            {
                invoke["value"]!["trigger"] = "automatic";
            }

            var (status, body) = await _bot.SendAsync(invoke);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.NotNull(body?["value"] as JsonObject);
        });

    private static void AssertPlainTurn(IReadOnlyList<StorageRequest> requests)
    {
        Assert.True(requests.Count <= 2, $"a plain turn may cost 2 storage requests, this one cost {requests.Count}: {string.Join("; ", requests)}");
        Assert.DoesNotContain(requests, r => r.Target is "ConversationRefs" or "Divisions");
    }

    [Theory]
    [InlineData("帮助")]
    [InlineData("今天天气怎么样")]
    public async Task PlainTurn_RegisteredVolunteer_AtMostTwoRequests(string text)
    {
        var before = _connector.Calls.Count;

        var requests = await SayAsync(_volunteer, text);

        AssertPlainTurn(requests);
        var read = Assert.Single(requests);
        Assert.Equal("GET", read.Method);
        Assert.StartsWith("Volunteers(", read.Resource, StringComparison.Ordinal);
        // 帮助 shows the role menu; text the bot does not know shows "没有找到…" with the menu or the closest commands.
        var reply = (await ReplyAfterAsync(before)).CardText;
        Assert.True(reply.Contains("活动报名", StringComparison.Ordinal) || reply.Contains("没有找到", StringComparison.Ordinal), reply);
    }

    [Fact]
    public async Task PlainTurn_Liaison_RoleFromTheCachedDivisions()
    {
        var before = _connector.Calls.Count;

        var requests = await SayAsync(_liaison, "帮助");

        AssertPlainTurn(requests);
        Assert.Contains("处室工作", (await ReplyAfterAsync(before)).CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainTurn_UnregisteredUserAndCommittee_AtMostTwoRequests()
    {
        AssertPlainTurn(await SayAsync(_stranger, "帮助"));
        AssertPlainTurn(await SayAsync(TestUser.Committee, "帮助"));
    }

    [Fact]
    public async Task PlainTurn_ReferenceChanged_WrittenOnce()
    {
        var moved = TestActivities.Message(_connector.Url + "/", _volunteer, "帮助");

        var requests = await CountAsync("帮助 (new serviceUrl)", async () => Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(moved)).Status));
        var again = await CountAsync("帮助 (same again)", async () => Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync((JsonObject)moved.DeepClone())).Status));

        Assert.Single(requests, r => r.Target == "ConversationRefs");
        Assert.Equal(2, requests.Count);
        AssertPlainTurn(again);
        var stored = await _bot.Service<VolunteerBot.Channel.IConversationReferenceStore>().GetPersonalAsync(_volunteer.AadObjectId, _ct);
        Assert.Equal(_connector.Url + "/", stored!.ServiceUrl);
    }

    [Fact]
    public async Task PlainTurn_AfterLanguageSwitch_AnswersInEnglishFromTheProfileRead()
    {
        await SayAsync(_volunteer, "English");
        var before = _connector.Calls.Count;

        var requests = await SayAsync(_volunteer, "help");

        AssertPlainTurn(requests);
        Assert.Contains("Sign up", (await ReplyAfterAsync(before)).CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstMessage_OfARegisteredUserThisInstanceHasNotSeen_WithinBudget()
    {
        var newcomer = TestUser.New("陈静");
        await _bot.Service<IVolunteerStore>().SaveAsync(new VolunteerProfile(newcomer.AadObjectId, newcomer.Name, _project.DivisionId, false, null, null),
            DateTimeOffset.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow), _ct);

        var first = await SayAsync(newcomer, "帮助");
        var second = await SayAsync(newcomer, "帮助");

        // The reference is written, and the profile gets its language copy (read from UserSettings) once.
        Assert.InRange(first.Count, 1, TurnBudgets.FirstMessage);
        Assert.Single(first, r => r.Target == "ConversationRefs");
        AssertPlainTurn(second);
        Assert.Single(second);
    }

    [Fact]
    public async Task Install_WithinBudget()
    {
        var newcomer = TestUser.New("刘洋");

        var requests = await CountAsync("installationUpdate", async () =>
            Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(TestActivities.InstallationUpdate(_connector.Url, newcomer))).Status));

        Assert.InRange(requests.Count, 1, TurnBudgets.Install);
    }

    [Fact]
    public async Task MyRecord_WithinBudget()
    {
        var requests = await SayAsync(_volunteer, "我的志愿记录");

        Assert.InRange(requests.Count, 1, TurnBudgets.MyRecord);
        Assert.DoesNotContain(requests, r => r.Target is "ConversationRefs" or "Divisions");
    }

    [Fact]
    public async Task ProjectList_WithinBudget()
    {
        var requests = await SayAsync(_volunteer, "项目列表");

        Assert.InRange(requests.Count, 1, TurnBudgets.ProjectList);
        Assert.DoesNotContain(requests, r => r.Target is "ConversationRefs" or "Divisions");
    }

    [Fact]
    public async Task QuickLogHours_WithinBudget()
    {
        var requests = await SayAsync(_volunteer, "登记 3 小时 垃圾分类宣传");

        Assert.InRange(requests.Count, 1, TurnBudgets.QuickLog);
    }

    [Fact]
    public async Task LogHoursSubmit_WithinBudget()
    {
        var date = _bot.Service<Dialogs.Handlers.Hours.ActivityConfirmationFlow>().RecordDate(_project).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var requests = await ExecuteAsync(_volunteer, HoursVerbs.LogSubmit, new Dictionary<string, string>
        {
            [HoursCards.Project] = _project.Id, [HoursCards.Date] = date, [HoursCards.HoursField] = "3", [HoursCards.Content] = "",
        });

        Assert.InRange(requests.Count, 1, TurnBudgets.LogSubmit);
        Assert.NotNull(await _bot.Service<IServiceRecordStore>().GetAsync(_volunteer.AadObjectId, ServiceRecord.IdOf(
            _bot.Service<Dialogs.Handlers.Hours.ActivityConfirmationFlow>().RecordDate(_project), _project.Id), _ct));
    }

    [Fact]
    public async Task SignUpInvoke_WithinBudget()
    {
        var requests = await ExecuteAsync(_liaison, "project.signup", new { projectId = _upcoming.Id });

        Assert.InRange(requests.Count, 1, TurnBudgets.SignUp);
        Assert.NotNull(await _bot.Service<ISignUpStore>().GetAsync(_upcoming.Id, _liaison.AadObjectId, _ct));
    }

    [Fact]
    public async Task CardRefresh_ReadsOnly_WithinBudget()
    {
        var requests = await ExecuteAsync(_volunteer, ProjectVerbs.Show, new { projectId = _project.Id }, automatic: true);

        Assert.InRange(requests.Count, 1, TurnBudgets.CardRefresh);
        Assert.All(requests, r => Assert.Equal("GET", r.Method));
    }
}

/// <summary>Storage requests per warm turn; the same table is in docs/benchmarks.md.</summary>
internal static class TurnBudgets
{
    public const int Plain = 2;
    public const int FirstMessage = 4;
    public const int Install = 5;
    public const int MyRecord = 3;
    public const int ProjectList = 6; // profile, listed projects by status, the volunteer's own sign-ups (to mark them), a counter per project shown
    public const int QuickLog = 4;
    public const int LogSubmit = 17;
    public const int SignUp = 11;
    public const int CardRefresh = 4;
}

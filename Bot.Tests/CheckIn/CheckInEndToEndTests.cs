using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Jobs;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Tests.Projects;

namespace VolunteerBot.Tests.CheckIn;

/// <summary>
/// 签到 / 签退 through the real pipeline (Kestrel test host, Azurite, fake connector) on a fake clock: one test per rule —
/// the window, the old code, walk-ins, other divisions, overlaps, no check-out, rounding — and the whole way from opening
/// check-in to the hours in 我的志愿记录.
/// </summary>
public sealed class CheckInEndToEndTests : IAsyncLifetime
{
    /// <summary>The activity: 09:00–12:00 Shanghai; the clock starts at 08:00.</summary>
    private static readonly DateTimeOffset Start = ProjectSamples.Local(2026, 12, 5, 9);

    private readonly FakeTimeProvider _time = new(Start.AddHours(-1));
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly TestUser _liaison = TestUser.New("李强");
    private readonly TestUser _volunteer = TestUser.New("王芳");
    private readonly TestUser _walkIn = TestUser.New("刘洋");
    private readonly TestUser _lawyer = TestUser.New("赵磊");
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;
    private string _energy = "";
    private Project _project = null!;

    private Dictionary<string, string?> Settings { get; } = new()
    {
        ["Hours:ConfirmationSweep:Enabled"] = "false",
        ["CheckIn:HoursSweep:Enabled"] = "false",
    };

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, Settings, _time);
        _energy = await ProjectSeed.DivisionAsync(_bot, "节能与综合利用处", _liaison.AadObjectId);
        var law = await ProjectSeed.DivisionAsync(_bot, "政策法规处");
        await ProjectSeed.VolunteerAsync(_bot, _liaison, _energy);
        await ProjectSeed.VolunteerAsync(_bot, _volunteer, _energy);
        await ProjectSeed.VolunteerAsync(_bot, _walkIn, _energy);
        await ProjectSeed.VolunteerAsync(_bot, _lawyer, law);
        _project = await ProjectAsync("垃圾分类宣传进社区", Start, OrganiserType.Branch);
        await _bot.Service<ISignUpStore>().SignUpAsync(new SignUpRequest(_project.Id, _volunteer.AadObjectId, "王芳", _energy, 30, Start.AddDays(-3)), _ct);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task<Project> ProjectAsync(string title, DateTimeOffset start, OrganiserType organiser)
    {
        var p = ProjectSamples.Make(start, ProjectStatus.Open, organiser, _energy) with
        {
            Title = title, FiledByAadObjectId = _liaison.AadObjectId, DeclarationNumber = "SB-" + title.Length,
        };
        await _bot.Service<IProjectStore>().CreateAsync(p, _ct);
        return p;
    }

    private void At(int hour, int minute = 0) => _time.SetUtcNow(ProjectSamples.Local(2026, 12, 5, hour, minute));

    private ICheckInStore Store => _bot.Service<ICheckInStore>();

    private async Task<string> OpenAsync(Project? p = null)
    {
        var card = await _bot.ExecuteAsync(_liaison, CheckInVerbs.Open, new { projectId = (p ?? _project).Id });
        var code = (await Store.GetSessionAsync((p ?? _project).Id, _ct))!.Code;
        Assert.Contains(code[..3] + " " + code[3..], CardText.Of(card), StringComparison.Ordinal);
        return code;
    }

    private Task<JsonObject?> CheckInAsync(TestUser user, string code) =>
        _bot.ExecuteAsync(user, CheckInVerbs.Code, new Dictionary<string, string> { [CheckInCards.Code] = code });

    private Task<JsonObject?> CheckOutAsync(TestUser user, Project? p = null) =>
        _bot.ExecuteAsync(user, CheckInVerbs.Out, new { projectId = (p ?? _project).Id });

    private string RecordId(Project? p = null) => ServiceRecord.IdOf(new DateOnly(2026, 12, 5), (p ?? _project).Id);

    private Task<ServiceRecord?> RecordAsync(TestUser user) => _bot.Service<IServiceRecordStore>().GetAsync(user.AadObjectId, RecordId(), _ct);

    [Fact]
    public async Task CheckIn_TypedCodeCheckOutLiaisonConfirms_HoursInMyRecord()
    {
        At(8, 40);
        var code = await OpenAsync();

        At(8, 55);
        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(_volunteer, "签到 " + code));
        var reply = (await _connector.WaitForAsync(c => c.Any(x => x.CardText.Contains("已签到", StringComparison.Ordinal)))).Last(x => x.CardText.Contains("已签到", StringComparison.Ordinal));
        Assert.Contains("2026-12-05 08:55", reply.CardText, StringComparison.Ordinal);
        Assert.Contains(CheckInVerbs.Out, reply.CardText, StringComparison.Ordinal);

        At(11, 40);
        var outCard = CardText.Of(await CheckOutAsync(_volunteer));
        Assert.Contains("已签退", outCard, StringComparison.Ordinal);
        Assert.Contains("2.5 小时", outCard, StringComparison.Ordinal); // 09:00 (clipped) – 11:40 = 2 h 40 → 2.5
        var pending = await RecordAsync(_volunteer);
        Assert.Equal(RecordStatus.Pending, pending!.Status);
        Assert.Equal(RecordSource.CheckIn, pending.Source);
        Assert.False(pending.MissingCheckOut);

        At(12, 30);
        var confirmCard = await _bot.ExecuteAsync(_liaison, HoursVerbs.ActivityOpen, new { projectId = _project.Id });
        var done = await _bot.ExecuteAsync(_liaison, HoursVerbs.ActivitySubmit, CardInputs.Submit(confirmCard!, HoursVerbs.ActivitySubmit));
        Assert.Contains("已确认 1 人，共 2.5 小时", CardText.Of(done), StringComparison.Ordinal);

        var mine = CardText.Of(await _bot.ExecuteAsync(_volunteer, HoursVerbs.RecordShow));
        Assert.Contains("2.5 小时", mine, StringComparison.Ordinal);
        Assert.Equal(RecordStatus.Confirmed, (await RecordAsync(_volunteer))!.Status);
    }

    [Fact]
    public async Task CheckIn_Window_OpensHalfHourBeforeStartClosesAtEnd()
    {
        At(8, 0);
        var code = await OpenAsync();

        At(8, 29);
        Assert.Contains("签到将于 2026-12-05 08:30 开始", CardText.Of(await CheckInAsync(_volunteer, code)), StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(_project.Id, _volunteer.AadObjectId, _ct));

        At(8, 30);
        Assert.Contains("已签到", CardText.Of(await CheckInAsync(_volunteer, code)), StringComparison.Ordinal);

        At(11, 59);
        Assert.Contains("已签到", CardText.Of(await CheckInAsync(_walkIn, code)), StringComparison.Ordinal);

        At(12, 0);
        Assert.Contains("签到已关闭", CardText.Of(await CheckInAsync(_liaison, code)), StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(_project.Id, _liaison.AadObjectId, _ct));
        // Being early or late is not a wrong code.
        Assert.Empty((await Store.GetThrottleAsync(_volunteer.AadObjectId, _ct)).Failures);
        Assert.Empty((await Store.GetThrottleAsync(_liaison.AadObjectId, _ct)).Failures);
    }

    [Fact]
    public async Task CheckIn_OldCode_WorksOneMinuteAfterRefreshThenRefused()
    {
        At(9, 0);
        var old = await OpenAsync();
        var refreshed = CardText.Of(await _bot.ExecuteAsync(_liaison, CheckInVerbs.Refresh, new { projectId = _project.Id }));
        var fresh = (await Store.GetSessionAsync(_project.Id, _ct))!.Code;
        Assert.NotEqual(old, fresh);
        Assert.Contains("已生成新的签到码", refreshed, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Contains("已签到", CardText.Of(await CheckInAsync(_volunteer, old)), StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("签到码不正确或已失效", CardText.Of(await CheckInAsync(_walkIn, old)), StringComparison.Ordinal);
        Assert.Contains("已签到", CardText.Of(await CheckInAsync(_walkIn, fresh)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIn_WalkIn_MarkedOnSheetAndConfirmationCard()
    {
        At(9, 0);
        var code = await OpenAsync();
        var card = CardText.Of(await CheckInAsync(_walkIn, code));
        Assert.Contains("已按现场加入登记", card, StringComparison.Ordinal);
        Assert.True((await Store.GetAsync(_project.Id, _walkIn.AadObjectId, _ct))!.IsWalkIn);

        var sheet = CardText.Of(await _bot.ExecuteAsync(_liaison, CheckInVerbs.Sheet, new { projectId = _project.Id }));
        Assert.Contains("已签到 1 人，已签退 0 人，现场加入 1 人，报名未到 1 人", sheet, StringComparison.Ordinal);
        Assert.Contains("刘洋（节能与综合利用处） 09:00 – 在场 （现场加入）", sheet, StringComparison.Ordinal);
        Assert.Contains("1. 王芳（节能与综合利用处）", sheet, StringComparison.Ordinal);

        At(12, 30);
        var confirm = await _bot.ExecuteAsync(_liaison, HoursVerbs.ActivityOpen, new { projectId = _project.Id });
        var text = CardText.Of(confirm);
        Assert.Contains("刘洋（现场加入，未签退）", text, StringComparison.Ordinal);
        var submit = CardInputs.Submit(confirm!, HoursVerbs.ActivitySubmit);
        var ids = submit["ids"].Split(',');
        // The clock decides the defaults: the walk-in attended, the one who signed up and never came did not.
        Assert.Equal("true", submit[HoursAdminCards.Attended(Array.IndexOf(ids, _walkIn.AadObjectId))]);
        Assert.Equal("false", submit[HoursAdminCards.Attended(Array.IndexOf(ids, _volunteer.AadObjectId))]);

        var done = CardText.Of(await _bot.ExecuteAsync(_liaison, HoursVerbs.ActivitySubmit, submit));
        Assert.Contains("已确认 1 人，共 3 小时", done, StringComparison.Ordinal);
        Assert.Equal(RecordStatus.Confirmed, (await RecordAsync(_walkIn))!.Status);
    }

    [Fact]
    public async Task CheckIn_OtherDivisionOnBranchProject_Refused()
    {
        At(9, 0);
        var code = await OpenAsync();

        var card = CardText.Of(await CheckInAsync(_lawyer, code));

        Assert.Contains("仅限主办处室的志愿者签到", card, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(_project.Id, _lawyer.AadObjectId, _ct));
    }

    [Fact]
    public async Task CheckIn_OverlappingActivity_RefusedUntilCheckedOutThere()
    {
        var second = await ProjectAsync("敬老院志愿服务", Start.AddHours(1), OrganiserType.Centralised); // 10:00–13:00
        At(9, 0);
        var first = await OpenAsync();
        Assert.Contains("已签到", CardText.Of(await CheckInAsync(_volunteer, first)), StringComparison.Ordinal);

        At(9, 40);
        var code = await OpenAsync(second);
        var refused = CardText.Of(await CheckInAsync(_volunteer, code));
        Assert.Contains("两项活动时间重叠", refused, StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(second.Id, _volunteer.AadObjectId, _ct));

        await CheckOutAsync(_volunteer);
        Assert.Contains("已签到", CardText.Of(await CheckInAsync(_volunteer, code)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoCheckOut_SweepTwoHoursAfterEnd_ScheduledEndCountsAndFlagged()
    {
        At(9, 20);
        var code = await OpenAsync();
        await CheckInAsync(_volunteer, code);
        var sweep = _bot.Service<CheckInHoursSweep>();

        At(13, 59);
        Assert.Equal(0, await sweep.RunOnceAsync(_ct));
        Assert.Null(await RecordAsync(_volunteer));

        At(14, 0);
        Assert.Equal(1, await sweep.RunOnceAsync(_ct));
        Assert.Equal(0, await sweep.RunOnceAsync(_ct));
        var r = await RecordAsync(_volunteer);
        Assert.Equal(2.5m, r!.Hours); // 09:20 – 12:00 (scheduled end) = 2 h 40 → 2.5
        Assert.True(r.MissingCheckOut);
        Assert.Equal(RecordStatus.Pending, r.Status);

        var pending = CardText.Of(await _bot.ExecuteAsync(_liaison, HoursVerbs.Pending));
        Assert.Contains("2.5 h · 未签退", pending, StringComparison.Ordinal);
        // A 签退 after the record was made changes nothing.
        Assert.Contains("签退已截止", CardText.Of(await CheckOutAsync(_volunteer)), StringComparison.Ordinal);
        Assert.Null((await Store.GetAsync(_project.Id, _volunteer.AadObjectId, _ct))!.CheckedOutAt);
    }

    [Fact]
    public async Task CheckOut_Rounding_DownToTheHalfHour()
    {
        At(9, 10);
        var code = await OpenAsync();
        await CheckInAsync(_volunteer, code);

        At(11, 39);
        var card = CardText.Of(await CheckOutAsync(_volunteer));

        Assert.Contains("2 小时", card, StringComparison.Ordinal); // 09:10 – 11:39 = 2 h 29 → 2
        Assert.Equal(2m, (await RecordAsync(_volunteer))!.Hours);
    }

    [Fact]
    public async Task CheckIn_FiveWrongCodesInTenMinutes_WaitTenMinutes()
    {
        At(9, 0);
        var code = await OpenAsync();
        var wrong = code == "000000" ? "000001" : "000000";
        for (var i = 0; i < 4; i++)
        {
            Assert.Contains($"还可尝试 {4 - i} 次", CardText.Of(await CheckInAsync(_volunteer, wrong)), StringComparison.Ordinal);
            _time.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Contains("请于 09:14 后再试", CardText.Of(await CheckInAsync(_volunteer, wrong)), StringComparison.Ordinal);
        Assert.Contains("请于 09:14 后再试", CardText.Of(await CheckInAsync(_volunteer, code)), StringComparison.Ordinal);
        Assert.Null(await Store.GetAsync(_project.Id, _volunteer.AadObjectId, _ct));

        At(9, 14);
        Assert.Contains("已签到", CardText.Of(await CheckInAsync(_volunteer, code)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIn_TwiceAndRetriedInvoke_ChangeNothing()
    {
        At(9, 0);
        var code = await OpenAsync();
        var activityId = Guid.NewGuid().ToString();
        var invoke = TestActivities.Invoke(_connector.Url, _volunteer, CheckInVerbs.Code, new Dictionary<string, string> { [CheckInCards.Code] = code }, activityId);
        var first = (await _bot.SendAsync(invoke)).Body?["value"];
        _time.Advance(TimeSpan.FromMinutes(5));
        var retried = (await _bot.SendAsync(TestActivities.Invoke(_connector.Url, _volunteer, CheckInVerbs.Code,
            new Dictionary<string, string> { [CheckInCards.Code] = code }, activityId))).Body?["value"];
        var again = CardText.Of(await CheckInAsync(_volunteer, code));

        Assert.Equal(CardText.Of(first), CardText.Of(retried));
        Assert.Contains("您已签到，无需重复签到", again, StringComparison.Ordinal);
        Assert.Contains("2026-12-05 09:00", again, StringComparison.Ordinal);
        var row = Assert.Single(await Store.ListByProjectAsync(_project.Id, _ct));
        Assert.Equal(Start, row.CheckedInAt);
        Assert.False(row.IsWalkIn);

        await CheckOutAsync(_volunteer);
        Assert.Contains("您已签退", CardText.Of(await CheckOutAsync(_volunteer)), StringComparison.Ordinal);
        Assert.Single(await _bot.Service<IServiceRecordStore>().ListAuditAsync(_volunteer.AadObjectId, RecordId(), _ct));
    }

    [Fact]
    public async Task OpenCheckIn_VolunteerOrOtherLiaison_Refused()
    {
        At(9, 0);
        var asVolunteer = await _bot.ExecuteAsync(_volunteer, CheckInVerbs.Open, new { projectId = _project.Id });

        Assert.Contains("此操作仅限处室联络员办理", CardText.Of(asVolunteer), StringComparison.Ordinal);
        Assert.Null(await Store.GetSessionAsync(_project.Id, _ct));
    }

    [Fact]
    public async Task OpenCheckIn_Typed_SingleActivityNearOpensSameCodeTwice()
    {
        At(8, 30);
        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(_liaison, "开始签到"));
        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(_liaison, "开始签到"));

        var code = (await Store.GetSessionAsync(_project.Id, _ct))!.Code;
        var calls = await _connector.WaitForAsync(c => c.Count(x => x.CardText.Contains("现场签到", StringComparison.Ordinal)) >= 2);
        Assert.All(calls.Where(x => x.CardText.Contains("现场签到", StringComparison.Ordinal)), x => Assert.Contains(code[..3] + " " + code[3..], x.CardText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SharedCard_CheckInFromGroupChat_AnswerGoesToPersonalChat()
    {
        At(9, 0);
        var code = await OpenAsync();
        var invoke = TestActivities.Base("invoke", _connector.Url, _walkIn, "groupChat", o =>
        {
            o["name"] = "adaptiveCard/action";
            o["value"] = new JsonObject
            {
                ["action"] = new JsonObject
                {
                    ["type"] = "Action.Execute", ["verb"] = CheckInVerbs.Code,
                    ["data"] = new JsonObject { [CheckInCards.ProjectId] = _project.Id, [CheckInCards.Code] = code },
                },
            };
        });

        var (status, _) = await _bot.SendAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, status);
        var calls = await _connector.WaitForAsync(c => c.Any(x => x.Path.Contains(_walkIn.ConversationId, StringComparison.Ordinal) && x.CardText.Contains("已签到", StringComparison.Ordinal)));
        Assert.DoesNotContain(calls, x => x.Path.Contains("19:group", StringComparison.Ordinal) && x.CardText.Contains("已签到", StringComparison.Ordinal));
        Assert.NotNull(await Store.GetAsync(_project.Id, _walkIn.AadObjectId, _ct));
    }

    [Fact]
    public async Task Post_ToTeamChannel_SharedCardWithCodeAndCheckInButtonButNoLiaisonControls()
    {
        At(9, 0);
        await _bot.Service<Storage.IConversationReferenceStore>().SaveAsync(new Storage.ConversationReference
        {
            ConversationId = "19:team@thread.tacv2", ConversationType = "channel", ServiceUrl = _connector.Url, TenantId = BotFactory.TenantId,
            TeamId = "19:team@thread.tacv2", TeamName = "学雷锋志愿服务队", ChannelId = "19:team@thread.tacv2", Active = true, UpdatedAt = DateTimeOffset.UtcNow,
        }, _ct);
        var code = await OpenAsync();

        var done = CardText.Of(await _bot.ExecuteAsync(_liaison, CheckInVerbs.Post, new Dictionary<string, string>
        {
            [CheckInCards.ProjectId] = _project.Id, [CheckInCards.Channel] = "19:team@thread.tacv2|19:team@thread.tacv2",
        }));

        Assert.Contains("签到卡已发到“学雷锋志愿服务队 · General”", done, StringComparison.Ordinal);
        var calls = await _connector.WaitForAsync(c => c.Any(x => x.Path.Contains("19:team@thread.tacv2", StringComparison.Ordinal) && x.CardText.Contains("现场签到", StringComparison.Ordinal)));
        var post = Assert.Single(calls, x => x.Path.Contains("19:team@thread.tacv2", StringComparison.Ordinal) && x.CardText.Contains("现场签到", StringComparison.Ordinal));
        Assert.Contains(code[..3] + " " + code[3..], post.CardText, StringComparison.Ordinal);
        Assert.Contains(CheckInVerbs.Code, post.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain(CheckInVerbs.Refresh, post.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain(CheckInVerbs.Sheet, post.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sheet_InGroupChat_PointerNotNames()
    {
        At(9, 0);
        var code = await OpenAsync();
        await CheckInAsync(_volunteer, code);
        var invoke = TestActivities.Base("invoke", _connector.Url, _liaison, "groupChat", o =>
        {
            o["name"] = "adaptiveCard/action";
            o["value"] = new JsonObject
            {
                ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = CheckInVerbs.Sheet, ["data"] = new JsonObject { [CheckInCards.ProjectId] = _project.Id } },
            };
        });

        var (_, body) = await _bot.SendAsync(invoke);

        var text = CardText.Of(body);
        Assert.DoesNotContain("王芳", text, StringComparison.Ordinal);
        Assert.DoesNotContain("已签到 1 人", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIn_CardDataNamesSomeoneElse_TheSenderIsCheckedIn()
    {
        At(9, 0);
        var code = await OpenAsync();

        await _bot.ExecuteAsync(_walkIn, CheckInVerbs.Code, new Dictionary<string, string>
        {
            [CheckInCards.Code] = code, ["aadObjectId"] = _volunteer.AadObjectId, ["volunteer"] = _volunteer.AadObjectId, ["from"] = _volunteer.AadObjectId,
        });

        Assert.NotNull(await Store.GetAsync(_project.Id, _walkIn.AadObjectId, _ct));
        Assert.Null(await Store.GetAsync(_project.Id, _volunteer.AadObjectId, _ct));
    }

    [Fact]
    public async Task RosterCard_LiaisonSeesStartCheckInButton()
    {
        At(8, 0);
        var roster = CardText.Of(await _bot.ExecuteAsync(_liaison, "project.roster", new { projectId = _project.Id }));

        Assert.Contains(CheckInVerbs.Open, roster, StringComparison.Ordinal);
        Assert.Contains("开始签到", roster, StringComparison.Ordinal);
    }
}

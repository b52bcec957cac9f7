using System.Net;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Team;

/// <summary>The team features through the real HTTP pipeline (BotFactory) on Azurite and the fake connector.</summary>
public sealed class TeamEndToEndTests : IAsyncLifetime
{
    private const string TeamId = "19:dept-team@thread.tacv2";
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;
    private readonly CancellationToken _ct = CancellationToken.None;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector);
        _ = _bot.Server;
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task<Division> DivisionAsync(string name) =>
        (await _bot.Service<IDivisionStore>().CreateAsync(name, DateTimeOffset.UtcNow, _ct)).Division!;

    private static object Registration(string divisionId, string name = "王芳", string mobile = "13812345678") => new Dictionary<string, string>
    {
        [TeamRegistrationCard.Name] = name,
        [TeamRegistrationCard.DivisionId] = divisionId,
        [TeamRegistrationCard.Party] = "true",
        [TeamRegistrationCard.Mobile] = mobile,
        [TeamRegistrationCard.NationalId] = "",
        [TeamRegistrationCard.Pledge] = "true",
        [TeamRegistrationCard.Privacy] = "true",
    };

    [Fact]
    public async Task RegisterSubmit_ThroughPipeline_StoresVolunteerAndReplacesCard()
    {
        var division = await DivisionAsync("中小企业处");
        var user = TestUser.New("王芳");

        var opened = await _bot.ExecuteAsync(user, TeamVerbs.RegisterOpen);
        var card = await _bot.ExecuteAsync(user, TeamVerbs.RegisterSubmit, Registration(division.Id));

        Assert.Contains("\"value\":\"王芳\"", CardText.Of(opened), StringComparison.Ordinal);
        Assert.Contains("注册成功", CardText.Of(card), StringComparison.Ordinal);
        var stored = await _bot.Service<IVolunteerStore>().GetAsync(user.AadObjectId, _ct);
        Assert.NotNull(stored);
        Assert.Equal(division.Id, stored.DivisionId);
        Assert.Equal("13812345678", stored.Mobile);
    }

    [Fact]
    public async Task RegisterSubmit_InvalidMobile_CardComesBackWithErrorAndTypedValues()
    {
        var division = await DivisionAsync("中小企业处");
        var user = TestUser.New("王芳");

        var card = await _bot.ExecuteAsync(user, TeamVerbs.RegisterSubmit, Registration(division.Id, name: "王芳芳", mobile: "1234"));

        var text = CardText.Of(card);
        Assert.Contains("手机号码格式不正确", text, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"1234\"", text, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"王芳芳\"", text, StringComparison.Ordinal);
        Assert.Null(await _bot.Service<IVolunteerStore>().GetAsync(user.AadObjectId, _ct));
    }

    [Fact]
    public async Task RegisterSubmit_TwiceAndReplayedActivity_OneVolunteerAndHandlerRunsOnce()
    {
        var division = await DivisionAsync("中小企业处");
        var user = TestUser.New("王芳");

        await _bot.ExecuteAsync(user, TeamVerbs.RegisterSubmit, Registration(division.Id));
        await _bot.ExecuteAsync(user, TeamVerbs.RegisterSubmit, Registration(division.Id));
        var activityId = Guid.NewGuid().ToString();
        var (_, first) = await _bot.SendAsync(TestActivities.Invoke(_connector.Url, user, TeamVerbs.RegisterSubmit, Registration(division.Id, name: "王芳一"), activityId));
        var (_, replay) = await _bot.SendAsync(TestActivities.Invoke(_connector.Url, user, TeamVerbs.RegisterSubmit, Registration(division.Id, name: "王芳二"), activityId));

        Assert.Single(await _bot.Service<IVolunteerStore>().ListByDivisionAsync(division.Id, _ct));
        Assert.Single(await _bot.Service<IVolunteerStore>().GetMembershipsAsync(user.AadObjectId, _ct));
        Assert.Equal("王芳一", (await _bot.Service<IVolunteerStore>().GetAsync(user.AadObjectId, _ct))!.Name);
        Assert.Equal(first!["value"]!.ToJsonString(), replay!["value"]!.ToJsonString());
    }

    [Fact]
    public async Task CommitteeVerb_ByVolunteer_GetsRefusalCardNamingTheCommittee()
    {
        var division = await DivisionAsync("中小企业处");
        var user = TestUser.New("王芳");
        await _bot.ExecuteAsync(user, TeamVerbs.RegisterSubmit, Registration(division.Id));

        var card = await _bot.ExecuteAsync(user, TeamVerbs.DivisionsCreate, new Dictionary<string, string> { [TeamDivisionCards.NewDivisions] = "新处室" });

        Assert.Contains("此操作仅限机关党委办理", CardText.Of(card), StringComparison.Ordinal);
        Assert.Single(await _bot.Service<IDivisionStore>().ListAsync(true, _ct));
    }

    [Fact]
    public async Task ImportRoster_InTeamChannel_FollowsContinuationAndStoresEveryMember()
    {
        for (var i = 0; i < 520; i++)
        {
            _connector.Members.Add(new JsonObject { ["id"] = $"29:s{i}", ["name"] = $"员工{i}", ["aadObjectId"] = $"aad-s{i}", ["email"] = $"s{i}@example.gov.cn" });
        }

        _connector.Members.Add(new JsonObject { ["id"] = TestActivities.BotId, ["name"] = "学雷锋志愿服务" });
        var message = TestActivities.Base("message", _connector.Url, TestUser.Committee, "channel", o =>
        {
            o["text"] = "<at>学雷锋志愿服务</at> 导入名册";
            o["conversation"]!["id"] = TeamId + ";messageid=1";
            o["channelData"] = new JsonObject
            {
                ["tenant"] = new JsonObject { ["id"] = BotFactory.TenantId },
                ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "工业和信息化厅" },
                ["channel"] = new JsonObject { ["id"] = TeamId },
            };
        });

        var (status, _) = await _bot.SendAsync(message);

        Assert.Equal(HttpStatusCode.OK, status);
        var calls = await _connector.WaitForAsync(c => c.Any(x => x.CardText.Contains("导入 520 人", StringComparison.Ordinal)));
        var pages = calls.Where(c => c.Path.Contains("/pagedmembers", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, pages.Count);
        Assert.Contains("continuationToken=500", pages[1].Path, StringComparison.Ordinal);
        var staff = await _bot.Service<IStaffStore>().ListAsync(_ct);
        Assert.Equal(520, staff.Count);
        Assert.Equal("s7@example.gov.cn", staff.Single(s => s.AadObjectId == "aad-s7").Email);
    }

    [Fact]
    public async Task InviteSend_ReachesStaffWithConversationAndCountsTheRest()
    {
        var references = _bot.Service<IConversationReferenceStore>();
        var reachable = TestUser.New("孙丽");
        await references.SaveAsync(new ConversationReference
        {
            ConversationId = reachable.ConversationId, ConversationType = "personal", ServiceUrl = _connector.Url,
            TenantId = BotFactory.TenantId, AadObjectId = reachable.AadObjectId, UpdatedAt = DateTimeOffset.UtcNow,
        }, _ct);
        await _bot.Service<IStaffStore>().ImportAsync("team", [new StaffMember(reachable.AadObjectId, "孙丽", null), new StaffMember("aad-nochat", "周杰", null)], DateTimeOffset.UtcNow, _ct);

        var card = await _bot.ExecuteAsync(TestUser.Committee, TeamVerbs.StaffInviteSend);

        Assert.Contains("已发送邀请 1 人；未与本应用建立对话、无法送达 1 人", CardText.Of(card), StringComparison.Ordinal);
        var calls = await _connector.WaitForAsync(c => c.Any(x => x.Path == $"/v3/conversations/{reachable.ConversationId}/activities"));
        var invitation = calls.Single(x => x.Path == $"/v3/conversations/{reachable.ConversationId}/activities");
        Assert.Contains("孙丽，您好", invitation.CardText, StringComparison.Ordinal);
        Assert.Contains(TeamVerbs.RegisterOpen, invitation.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestion_ReachesCommittee_AndReplyReachesVolunteer()
    {
        var division = await DivisionAsync("中小企业处");
        var volunteer = TestUser.New("王芳");
        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "你好"));
        await _bot.ExecuteAsync(volunteer, TeamVerbs.RegisterSubmit, Registration(division.Id));
        const string id = "0123456789abcdef0123456789abcdef";

        var sent = await _bot.ExecuteAsync(volunteer, TeamVerbs.FeedbackSubmit, new Dictionary<string, string>
        {
            [TeamFeedbackCards.KindKey] = TeamFeedbackCards.SuggestionKind,
            [TeamFeedbackCards.IdKey] = id,
            [TeamFeedbackCards.TextKey] = "建议增加周末志愿服务活动",
        });

        Assert.Contains("已提交", CardText.Of(sent), StringComparison.Ordinal);
        var toCommittee = await _connector.WaitForAsync(c => c.Any(x =>
            x.Path == $"/v3/conversations/{TestUser.Committee.ConversationId}/activities" && x.CardText.Contains("建议增加周末志愿服务活动", StringComparison.Ordinal)));
        Assert.Contains(toCommittee, x => x.CardText.Contains(TeamVerbs.FeedbackReply, StringComparison.Ordinal));

        var answered = await _bot.ExecuteAsync(TestUser.Committee, TeamVerbs.FeedbackReply, new Dictionary<string, string>
        {
            [TeamFeedbackCards.VolunteerKey] = volunteer.AadObjectId,
            [TeamFeedbackCards.IdKey] = id,
            [TeamFeedbackCards.ReplyKey] = "已采纳，下季度安排。",
        });

        Assert.Contains("已由张书记于", CardText.Of(answered), StringComparison.Ordinal);
        await _connector.WaitForAsync(c => c.Any(x =>
            x.Path == $"/v3/conversations/{volunteer.ConversationId}/activities" && x.CardText.Contains("已采纳，下季度安排。", StringComparison.Ordinal)));
    }
}

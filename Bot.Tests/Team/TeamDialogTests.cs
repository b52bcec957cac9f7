using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Handlers.Team;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Team;

/// <summary>Team dialogs with in-memory stores: no server, no storage.</summary>
public sealed class TeamDialogTests
{
    private readonly TeamWorld _w = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    private TurnRouter Router() => new(
    [
        new RegisterHandler(_w.Volunteers, _w.Divisions, _w.Time, _w.Options),
        new ProfileHandler(_w.Volunteers, _w.Divisions, _w.Options),
        new CommunityHandler(_w.Volunteers, _w.Divisions, _w.Time, _w.Options),
        new DivisionsHandler(_w.Divisions, _w.Time),
        new LiaisonHandler(_w.Volunteers, _w.Divisions),
        new RosterHandler(_w.Volunteers, _w.Divisions, _w.Staff),
        new StaffImportHandler(_w.Roster, _w.Staff, _w.Volunteers, _w.Time),
        new InviteHandler(_w.Roster, _w.Staff, _w.Volunteers, _w.Time),
        new FeedbackHandler(_w.Feedback, _w.Volunteers, _w.Divisions, _w.Time, _w.Options),
        new FeedbackReplyHandler(_w.Feedback, _w.Divisions, _w.Time, _w.Options),
    ], new HelpHandler());

    private async Task<TurnResult> RunAsync(string user, string name, string? verb = null, Dictionary<string, string>? data = null, string text = "",
        Language language = Language.ZhCn, string? teamId = null) =>
        await Router().RouteAsync(await _w.TurnAsync(user, name, verb, data, text, language, teamId), _ct);

    private static Dictionary<string, string> Registration(string divisionId, string name = "王芳", string mobile = "138 1234 5678", string party = "true", string pledge = "true") => new()
    {
        [TeamRegistrationCard.Name] = name,
        [TeamRegistrationCard.DivisionId] = divisionId,
        [TeamRegistrationCard.Party] = party,
        [TeamRegistrationCard.Mobile] = mobile,
        [TeamRegistrationCard.NationalId] = "",
        [TeamRegistrationCard.Pledge] = pledge,
        [TeamRegistrationCard.Privacy] = "true",
    };

    [Fact]
    public async Task RegisterOpen_NewUser_PrefillsTeamsNameAndShowsThePledgeInFull()
    {
        _w.Divisions.Add("中小企业处");

        var result = await RunAsync("u1", "王芳", TeamVerbs.RegisterOpen);

        var text = CardText.Of(result.CardUpdate);
        Assert.Contains("\"value\":\"王芳\"", text, StringComparison.Ordinal);
        Assert.Contains("中小企业处", text, StringComparison.Ordinal);
        Assert.Contains("请求学雷锋志愿服务队伍帮助解决在志愿服务中遇到的困难", text, StringComparison.Ordinal);
        Assert.Contains("不得以学雷锋志愿服务队伍名义从事营利性活动", text, StringComparison.Ordinal);
        Assert.Contains("其他应当履行的义务", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterOpen_English_ShowsTranslatedPledge()
    {
        _w.Divisions.Add("中小企业处");

        var result = await RunAsync("u1", "Wang Fang", text: "register", language: Language.EnUs);

        var text = CardText.Of(result.CardUpdate);
        Assert.Contains("to ask the Lei Feng volunteer team for help with difficulties", text, StringComparison.Ordinal);
        Assert.Contains("never to take payment", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterSubmit_Valid_StoresNormalizedProfileAndConfirmsInPlace()
    {
        var division = _w.Divisions.Add("中小企业处");

        var result = await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, Registration(division.Id));

        var stored = await _w.Volunteers.GetAsync("u1", _ct);
        Assert.NotNull(stored);
        Assert.Equal("13812345678", stored.Mobile);
        Assert.True(stored.IsPartyMember);
        Assert.Equal(division.Id, stored.DivisionId);
        Assert.Contains("注册成功", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterSubmit_BadInput_ReturnsCardWithErrorsUnderFieldsAndValuesKept()
    {
        _w.Divisions.Add("中小企业处");
        var data = Registration("no-such-division", name: "  ", mobile: "12345", pledge: "false");
        data[TeamRegistrationCard.NationalId] = "AB\u0007CD";

        var result = await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, data);

        var text = CardText.Of(result.CardUpdate);
        Assert.Null(await _w.Volunteers.GetAsync("u1", _ct));
        Assert.Contains("此项为必填项", text, StringComparison.Ordinal);
        Assert.Contains("手机号码格式不正确", text, StringComparison.Ordinal);
        Assert.Contains("请从列表中选择一个处室", text, StringComparison.Ordinal);
        Assert.Contains("请阅读志愿者权利和义务", text, StringComparison.Ordinal);
        Assert.Contains("控制字符", text, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"12345\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterSubmit_OverlongName_SaysTheLimit()
    {
        var division = _w.Divisions.Add("中小企业处");

        var result = await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, Registration(division.Id, name: new string('王', TeamInput.PersonNameMax + 1)));

        Assert.Contains($"请控制在 {TeamInput.PersonNameMax} 个字以内", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Null(await _w.Volunteers.GetAsync("u1", _ct));
    }

    [Fact]
    public async Task RegisterSubmit_Twice_SecondIsUnchangedAndOneVolunteer()
    {
        var division = _w.Divisions.Add("中小企业处");

        await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, Registration(division.Id));
        var second = await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, Registration(division.Id));

        Assert.Single(await _w.Volunteers.ListAllAsync(_ct));
        Assert.Contains("资料未发生变化", CardText.Of(second.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterOpen_Registered_OpensEditModePrefilled()
    {
        var division = _w.Divisions.Add("中小企业处");
        await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, Registration(division.Id));

        var result = await RunAsync("u1", "Teams Name", TeamVerbs.RegisterOpen);

        var text = CardText.Of(result.CardUpdate);
        Assert.Contains("修改志愿者资料", text, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"13812345678\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Teams Name", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterSubmit_MovedDivision_KeepsHistoryAndEndsLiaisonAppointment()
    {
        var a = _w.Divisions.Add("政策法规处");
        var b = _w.Divisions.Add("中小企业处");
        await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, Registration(a.Id));
        await _w.Divisions.AddLiaisonAsync(a.Id, "u1", _ct);
        _w.Time.Advance(TimeSpan.FromDays(30));

        var result = await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, Registration(b.Id));

        var history = await _w.Volunteers.GetMembershipsAsync("u1", _ct);
        Assert.Equal([a.Id, b.Id], history.Select(m => m.DivisionId));
        Assert.Equal(a.Id, history.DivisionOn(new DateOnly(2025, 3, 20)));
        Assert.Equal(b.Id, history.DivisionOn(new DateOnly(2025, 4, 9)));
        Assert.False((await _w.Divisions.GetAsync(a.Id, _ct))!.IsLiaison("u1"));
        Assert.Contains("此前的志愿服务记录仍计入原处室", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("13812345678", "13812345678")]
    [InlineData("+86 138-1234-5678", "13812345678")]
    [InlineData("8613812345678", "13812345678")]
    [InlineData("12812345678", null)]
    [InlineData("1381234567", null)]
    [InlineData("١٣٨١٢٣٤٥٦٧٨", null)]
    public void NormalizeMobile_Inputs_FollowMainlandRule(string input, string? expected) =>
        Assert.Equal(expected, TeamInput.NormalizeMobile(input));

    [Fact]
    public async Task Divisions_Volunteer_GetsCommitteeRefusal()
    {
        var division = _w.Divisions.Add("中小企业处");
        await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, Registration(division.Id));

        var result = await RunAsync("u1", "王芳", text: "处室管理");

        Assert.Contains("此操作仅限机关党委办理", CardText.Of(result.Replies.Single().Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DivisionsSeed_Committee_CreatesFiveOnceAndReportsDuplicates()
    {
        await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.DivisionsSeed);
        var again = await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.DivisionsCreate,
            new() { [TeamDivisionCards.NewDivisions] = "政策法规处\n机关党委办公室" });

        var names = (await _w.Divisions.ListAsync(false, _ct)).Select(d => d.Name).ToList();
        Assert.Equal(6, names.Count);
        Assert.Contains("节能与综合利用处", names);
        Assert.Contains("已存在，未重复添加：政策法规处", CardText.Of(again.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DivisionsRename_ToTakenName_ShowsErrorAndKeepsTypedName()
    {
        var a = _w.Divisions.Add("政策法规处");
        _w.Divisions.Add("中小企业处");

        var result = await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.DivisionsRename,
            new() { [TeamDivisionCards.DivisionId] = a.Id, [TeamDivisionCards.NewName] = "中小企业处" });

        Assert.Contains("已有名为“中小企业处”的处室", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Equal("政策法规处", (await _w.Divisions.GetAsync(a.Id, _ct))!.Name);
    }

    [Fact]
    public async Task LiaisonAppoint_MemberOfDivision_AppointsAndNotifiesOnce()
    {
        var a = _w.Divisions.Add("节能与综合利用处");
        await RunAsync("u2", "李强", TeamVerbs.RegisterSubmit, Registration(a.Id, name: "李强"));
        var data = new Dictionary<string, string> { [TeamDivisionCards.DivisionId] = a.Id, [TeamRosterCards.CandidateKey] = "u2" };

        var first = await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.LiaisonAppoint, data);
        var second = await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.LiaisonAppoint, data);

        Assert.True((await _w.Divisions.GetAsync(a.Id, _ct))!.IsLiaison("u2"));
        Assert.Equal("u2", Assert.Single(first.Notifications).RecipientAadObjectId);
        Assert.StartsWith("Hello 李强, the Party committee has appointed you", first.Notifications[0].In(VolunteerBot.Dialogs.Localization.Language.EnUs).Text, StringComparison.Ordinal);
        Assert.Empty(second.Notifications);
        Assert.Contains("免去 李强", CardText.Of(first.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LiaisonAppoint_VolunteerOfAnotherDivision_IsRefusedWithFieldError()
    {
        var a = _w.Divisions.Add("政策法规处");
        var b = _w.Divisions.Add("中小企业处");
        await RunAsync("u3", "赵敏", TeamVerbs.RegisterSubmit, Registration(b.Id, name: "赵敏"));
        await RunAsync("u2", "李强", TeamVerbs.RegisterSubmit, Registration(a.Id, name: "李强"));

        var result = await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.LiaisonAppoint,
            new() { [TeamDivisionCards.DivisionId] = a.Id, [TeamRosterCards.CandidateKey] = "u3" });

        Assert.Contains("联络员须为本处室已注册的志愿者", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Empty((await _w.Divisions.GetAsync(a.Id, _ct))!.LiaisonAadObjectIds);
    }

    [Fact]
    public async Task Roster_LiaisonOfOtherDivision_GetsPoliteRefusalNamingTheirDivision()
    {
        var a = _w.Divisions.Add("政策法规处");
        var b = _w.Divisions.Add("中小企业处");
        await RunAsync("u2", "李强", TeamVerbs.RegisterSubmit, Registration(a.Id, name: "李强"));
        await _w.Divisions.AddLiaisonAsync(a.Id, "u2", _ct);

        var own = await RunAsync("u2", "李强", text: "本处室名册");
        var other = await RunAsync("u2", "李强", TeamVerbs.RosterShow, new() { [TeamDivisionCards.DivisionId] = b.Id });

        Assert.Contains("政策法规处 名册", CardText.Of(own.CardUpdate), StringComparison.Ordinal);
        Assert.Contains("您是政策法规处联络员，只能查看本处室名册", CardText.Of(other.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roster_CommitteeOverview_ShowsUnregisteredStaffAndMissingCommunityReports()
    {
        var a = _w.Divisions.Add("政策法规处");
        await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, Registration(a.Id));
        await _w.Staff.ImportAsync("team", [new StaffMember("u1", "王芳", null), new StaffMember("u9", "孙丽", null)], _w.Time.GetUtcNow(), _ct);

        var result = await RunAsync(TeamWorld.CommitteeId, "张书记", text: "本处室名册");

        var text = CardText.Of(result.CardUpdate);
        Assert.Contains("未注册人员：孙丽", text, StringComparison.Ordinal);
        Assert.Contains("党员未社区报到：王芳", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Community_FutureDate_IsRejectedAndValidDateIsStored()
    {
        var a = _w.Divisions.Add("中小企业处");
        await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, Registration(a.Id));

        var bad = await RunAsync("u1", "王芳", TeamVerbs.CommunitySubmit,
            new() { [TeamProfileCards.CommunityName] = "金凤区 XX 社区", [TeamProfileCards.CommunityDate] = "2030-01-01" });
        await RunAsync("u1", "王芳", TeamVerbs.CommunitySubmit,
            new() { [TeamProfileCards.CommunityName] = "金凤区 XX 社区", [TeamProfileCards.CommunityDate] = "2024-11-05" });

        Assert.Contains("不能晚于今天", CardText.Of(bad.CardUpdate), StringComparison.Ordinal);
        Assert.Contains("金凤区 XX 社区", CardText.Of(bad.CardUpdate), StringComparison.Ordinal);
        var stored = await _w.Volunteers.GetAsync("u1", _ct);
        Assert.Equal(new DateOnly(2024, 11, 5), stored!.CommunityReportedOn);
    }

    [Fact]
    public async Task HelpRequest_Submitted_ReachesCommitteeAndLiaisonsOnceEvenWhenTappedTwice()
    {
        var a = _w.Divisions.Add("中小企业处");
        await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, Registration(a.Id));
        await RunAsync("u2", "李强", TeamVerbs.RegisterSubmit, Registration(a.Id, name: "李强"));
        await _w.Divisions.AddLiaisonAsync(a.Id, "u2", _ct);
        var data = new Dictionary<string, string>
        {
            [TeamFeedbackCards.KindKey] = TeamFeedbackCards.HelpKind,
            [TeamFeedbackCards.IdKey] = "0123456789abcdef0123456789abcdef",
            [TeamFeedbackCards.TextKey] = "活动现场缺少饮用水",
        };

        var first = await RunAsync("u1", "王芳", TeamVerbs.FeedbackSubmit, data);
        var second = await RunAsync("u1", "王芳", TeamVerbs.FeedbackSubmit, data);

        Assert.Equal([TeamWorld.CommitteeId, "u2"], first.Notifications.Select(n => n.RecipientAadObjectId).Order());
        Assert.All(first.Notifications, n => Assert.NotEqual(CardText.Of(n.In(VolunteerBot.Dialogs.Localization.Language.ZhCn).Card), CardText.Of(n.In(VolunteerBot.Dialogs.Localization.Language.EnUs).Card)));
        Assert.Empty(second.Notifications);
        Assert.Single(await _w.Feedback.ListByVolunteerAsync("u1", _ct));
    }

    [Fact]
    public async Task FeedbackReply_Committee_NotifiesVolunteerOnceAndCardShowsWhoAnswered()
    {
        var a = _w.Divisions.Add("中小企业处");
        await RunAsync("u1", "王芳", TeamVerbs.RegisterSubmit, Registration(a.Id));
        await RunAsync("u1", "王芳", TeamVerbs.FeedbackSubmit, new()
        {
            [TeamFeedbackCards.IdKey] = "0123456789abcdef0123456789abcdef",
            [TeamFeedbackCards.TextKey] = "建议增加周末活动",
        });
        var reply = new Dictionary<string, string>
        {
            [TeamFeedbackCards.VolunteerKey] = "u1",
            [TeamFeedbackCards.IdKey] = "0123456789abcdef0123456789abcdef",
            [TeamFeedbackCards.ReplyKey] = "已采纳，下季度安排。",
        };

        var first = await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.FeedbackReply, reply);
        var second = await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.FeedbackReply, reply);

        Assert.Equal("u1", Assert.Single(first.Notifications).RecipientAadObjectId);
        Assert.NotEqual(CardText.Of(first.Notifications[0].In(VolunteerBot.Dialogs.Localization.Language.ZhCn).Card), CardText.Of(first.Notifications[0].In(VolunteerBot.Dialogs.Localization.Language.EnUs).Card));
        Assert.Contains("已由张书记于", CardText.Of(first.CardUpdate), StringComparison.Ordinal);
        Assert.Empty(second.Notifications);
        Assert.Contains("无需重复答复", CardText.Of(second.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedbackReply_Volunteer_IsRefusedByRouter()
    {
        var result = await RunAsync("u5", "路人", TeamVerbs.FeedbackReply, new() { [TeamFeedbackCards.VolunteerKey] = "u1", [TeamFeedbackCards.IdKey] = "x" });

        Assert.Contains("仅限处室联络员办理", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffImport_FromChannel_ImportsThatTeamAndInviteSkipsUnreachable()
    {
        _w.Roster.Teams.Add(new InstalledTeam("19:team", "工业和信息化厅"));
        _w.Roster.Members["19:team"] = [new StaffMember("s1", "甲", null), new StaffMember("s2", "乙", null), new StaffMember("s3", "丙", null)];
        _w.Roster.Reachable.UnionWith(["s1", "s2"]);

        var imported = await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.StaffImport, new() { [TeamStaffCards.TeamKey] = "19:team" }); // personal chat only
        var invited = await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.StaffInviteSend);
        var again = await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.StaffInviteSend);

        Assert.Contains("已从“工业和信息化厅”导入 3 人（新增 3 人）", CardText.Of(imported.CardUpdate), StringComparison.Ordinal);
        Assert.Equal(["s1", "s2"], invited.Notifications.Select(n => n.RecipientAadObjectId).Order());
        Assert.All(invited.Notifications, n => Assert.NotEqual(CardText.Of(n.In(VolunteerBot.Dialogs.Localization.Language.ZhCn).Card), CardText.Of(n.In(VolunteerBot.Dialogs.Localization.Language.EnUs).Card)));
        Assert.Contains("已发送邀请 2 人；无法送达 1 人；30 天内已邀请、本次未重复发送 0 人", CardText.Of(invited.CardUpdate), StringComparison.Ordinal);
        Assert.Empty(again.Notifications);
        Assert.Contains("本次未重复发送 2 人", CardText.Of(again.CardUpdate), StringComparison.Ordinal);
        Assert.Contains(TeamVerbs.StaffInviteAgain, CardText.Of(again.CardUpdate), StringComparison.Ordinal);

        // 29 days later nobody is invited again; "send again" invites them anyway; after 30 days a plain send does.
        _w.Time.Advance(TimeSpan.FromDays(29));
        Assert.Empty((await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.StaffInviteSend)).Notifications);
        var forced = await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.StaffInviteAgain);
        Assert.Equal(["s1", "s2"], forced.Notifications.Select(n => n.RecipientAadObjectId).Order());
        _w.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(2, (await RunAsync(TeamWorld.CommitteeId, "张书记", TeamVerbs.StaffInviteSend)).Notifications.Count);
    }
}

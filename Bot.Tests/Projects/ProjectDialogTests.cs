using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Tests.Infrastructure;
using W = VolunteerBot.Tests.Projects.ProjectWorld;

namespace VolunteerBot.Tests.Projects;

public sealed class ProjectDialogTests
{
    private readonly W _w = new();

    private ProjectFileHandler File => new(_w.Context);
    private ProjectReviewHandler Review => new(_w.Context, _w.Announcer);
    private SignUpHandler SignUps => new(_w.Context);

    private Task<TurnResult> FileAsync(Dictionary<string, string> data, string user = W.Liaison) =>
        File.HandleAsync(_w.Turn(user, "李强", "project.file.submit", data), CancellationToken.None);

    private async Task<Project> FiledAsync()
    {
        await FileAsync(W.Filing());
        return Assert.Single(_w.Projects.All);
    }

    private static Dictionary<string, string> With(Dictionary<string, string> d, string key, string value)
    {
        d[key] = value;
        return d;
    }

    [Fact]
    public async Task FileSubmit_ValidChineseFiling_StoredAsFiledAndEachCommitteeMemberGetsRefreshableReviewCard()
    {
        var result = await FileAsync(W.Filing());

        var project = Assert.Single(_w.Projects.All);
        Assert.Equal(ProjectStatus.Filed, project.Status);
        Assert.Equal(ProjectOrigin.Applied, project.Origin);
        Assert.Equal([W.Law], project.JointDivisionIds);
        Assert.Equal(ProjectSamples.Local(2025, 5, 17, 9), project.Start);
        Assert.Equal(ProjectSamples.Local(2025, 5, 17, 12), project.End);
        Assert.Contains("已报备：工业节能宣传进企业", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Equal([W.Committee, W.Committee2], result.Notifications.Select(n => n.RecipientAadObjectId));
        var card = result.Notifications[0].In(VolunteerBot.Dialogs.Localization.Language.ZhCn).Card!;
        Assert.Equal("project.review.refresh", card["refresh"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Contains("8:orgid:" + W.Committee2, CardText.Of(card["refresh"]!["userIds"]), StringComparison.Ordinal);
        Assert.Contains("project.approve", CardText.Of(card), StringComparison.Ordinal);
        Assert.Contains("For review: 工业节能宣传进企业", CardText.Of(result.Notifications[1].In(VolunteerBot.Dialogs.Localization.Language.EnUs).Card), StringComparison.Ordinal); // the recipient's language
    }

    [Fact]
    public async Task FileSubmit_SameCardTappedTwice_FilesOnce()
    {
        await FileAsync(W.Filing("same"));
        var second = await FileAsync(W.Filing("same"));

        Assert.Single(_w.Projects.All);
        Assert.Empty(second.Notifications);
    }

    [Theory]
    [InlineData("endTime", "08:00", "结束时间应晚于开始时间")]
    [InlineData("startDate", "2025-05-01", "开始时间已过")]
    [InlineData("capacity", "0", "招募人数应为1至500之间的整数")]
    [InlineData("capacity", "12.5", "招募人数应为1至500之间的整数")]
    [InlineData("capacity", "501", "招募人数应为1至500之间的整数")]
    [InlineData("capacity", "三十", "招募人数应为1至500之间的整数")]
    [InlineData("title", "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", "项目名称不超过40字")]
    [InlineData("category", "astrology", "请从列表中选择项目类别")]
    [InlineData("joint", "d-nowhere", "联合处室中有无法识别的处室")]
    [InlineData("division", "d-nowhere", "请从列表中选择处室")]
    public async Task FileSubmit_BadInput_FormReturnsWithMessageUnderFieldAndValuesKept(string field, string value, string message)
    {
        var result = await FileAsync(With(W.Filing(), field, value));

        Assert.Empty(_w.Projects.All);
        Assert.Empty(result.Notifications);
        var text = CardText.Of(result.CardUpdate);
        Assert.Contains(message, text, StringComparison.Ordinal);
        Assert.Contains("银川市金凤区工业园区", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileSubmit_BadInputInEnglish_EnglishMessage()
    {
        var turn = _w.Turn(W.Liaison, "Li", "project.file.submit", With(W.Filing(), "capacity", "0"), language: Language.EnUs);

        var result = await File.HandleAsync(turn, CancellationToken.None);

        Assert.Contains("whole number from 1 to 500", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FileSubmit_LiaisonOfAnotherDivision_Refused()
    {
        var result = await FileAsync(With(W.Filing(), "division", W.Law));

        Assert.Empty(_w.Projects.All);
        Assert.Contains("您只能为本人担任联络员的处室报备项目", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Router_VolunteerTriesToApprove_RefusedBeforeHandler()
    {
        var project = await FiledAsync();
        var router = new TurnRouter([Review, File], new HelpHandler());

        var result = await router.RouteAsync(_w.Turn("energy-0", "志愿者", "project.approve", new() { ["projectId"] = project.Id }), CancellationToken.None);

        Assert.Contains("仅限机关党委", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Filed, _w.Projects.All.Single().Status);
    }

    [Fact]
    public async Task Return_WithoutReason_AsksForReasonAndKeepsFiled()
    {
        var project = await FiledAsync();

        var result = await Review.HandleAsync(_w.Turn(W.Committee, "张书记", "project.return", new() { ["projectId"] = project.Id }), CancellationToken.None);

        Assert.Contains("退回须填写理由", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Filed, _w.Projects.All.Single().Status);
    }

    [Fact]
    public async Task Return_WithReason_ThenRefile_ThenApprove_AnnouncesToDivisionsVolunteersOnce()
    {
        var project = await FiledAsync();

        var returned = await Review.HandleAsync(_w.Turn(W.Committee, "张书记", "project.return", new() { ["projectId"] = project.Id, ["reason"] = "请补充活动地点" }), CancellationToken.None);
        Assert.Equal(ProjectStatus.Returned, _w.Projects.All.Single().Status);
        Assert.Contains("已退回（张书记）：请补充活动地点", CardText.Of(returned.CardUpdate), StringComparison.Ordinal);
        Assert.DoesNotContain("上次退回意见", CardText.Of(returned.CardUpdate), StringComparison.Ordinal);
        Assert.DoesNotContain("project.approve", CardText.Of(returned.CardUpdate), StringComparison.Ordinal);
        var notice = Assert.Single(returned.Notifications);
        Assert.Equal(W.Liaison, notice.RecipientAadObjectId);
        Assert.Contains("请补充活动地点", notice.In(VolunteerBot.Dialogs.Localization.Language.ZhCn).Text, StringComparison.Ordinal);
        Assert.StartsWith("Your project", notice.In(VolunteerBot.Dialogs.Localization.Language.EnUs).Text, StringComparison.Ordinal);

        var open = await File.HandleAsync(_w.Turn(W.Liaison, "李强", "project.file.open", new() { ["projectId"] = project.Id }), CancellationToken.None);
        Assert.Contains("工业节能宣传进企业", CardText.Of(open.CardUpdate), StringComparison.Ordinal);
        var refile = With(W.Filing("draft-2"), "place", "银川市金凤区工业园区管委会三楼");
        refile["projectId"] = project.Id;
        var refiled = await FileAsync(refile);
        Assert.Equal(ProjectStatus.Filed, _w.Projects.All.Single().Status);
        Assert.Equal(2, refiled.Notifications.Count);

        var approved = await Review.HandleAsync(_w.Turn(W.Committee, "张书记", "project.approve", new() { ["projectId"] = project.Id }), CancellationToken.None);
        var stored = _w.Projects.All.Single();
        Assert.Equal(ProjectStatus.Open, stored.Status);
        Assert.Equal("请补充活动地点", Assert.Single(stored.Returns).Reason);
        Assert.Contains("已批准（张书记）", CardText.Of(approved.CardUpdate), StringComparison.Ordinal);
        Assert.Contains("上次退回意见：请补充活动地点", CardText.Of(approved.CardUpdate), StringComparison.Ordinal);
        Assert.DoesNotContain(approved.Notifications, n => n.In(VolunteerBot.Dialogs.Localization.Language.ZhCn).Card is not null); // the announcement goes through the queue
        var announcement = Assert.Single(approved.Broadcasts);
        Assert.Equal("announce-" + project.Id, announcement.Key);
        Assert.Equal(_w.Volunteers.All.Select(v => v.AadObjectId).Order(), announcement.Recipients.Order());

        var second = await Review.HandleAsync(_w.Turn(W.Committee2, "王委员", "project.approve", new() { ["projectId"] = project.Id }), CancellationToken.None);
        Assert.Empty(second.Notifications);
        Assert.Empty(second.Broadcasts);
        Assert.Contains("该项目已处理：已批准（张书记）", CardText.Of(second.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_AfterDecision_ShowsOutcomeWithoutButtons()
    {
        var project = await FiledAsync();
        await Review.HandleAsync(_w.Turn(W.Committee, "张书记", "project.approve", new() { ["projectId"] = project.Id }), CancellationToken.None);

        var refreshed = await Review.HandleAsync(_w.Turn(W.Committee2, "王委员", "project.review.refresh", new() { ["projectId"] = project.Id }), CancellationToken.None);

        Assert.Contains("已批准（张书记）", CardText.Of(refreshed.CardUpdate), StringComparison.Ordinal);
        Assert.Null(refreshed.CardUpdate!["actions"]);
    }

    [Fact]
    public async Task Centralised_Approved_AnnouncedToEveryRegisteredVolunteer()
    {
        await FileAsync(With(W.Filing(), "organiser", "centralised"));
        var project = _w.Projects.All.Single();

        var approved = await Review.HandleAsync(_w.Turn(W.Committee, "张书记", "project.approve", new() { ["projectId"] = project.Id }), CancellationToken.None);

        Assert.Equal(_w.Volunteers.All.Count, Assert.Single(approved.Broadcasts).Recipients.Count);
    }

    [Fact]
    public async Task SignUp_BeyondCapacity_WaitlistedThenPromotedAndNotifiedOnCancel()
    {
        var project = await OpenProjectAsync();
        var a = await SignUpAsync(project, "energy-0");
        var b = await SignUpAsync(project, "energy-1");
        var c = await SignUpAsync(project, "law-0");

        Assert.Contains("报名成功", CardText.Of(a.CardUpdate), StringComparison.Ordinal);
        Assert.Contains("报名成功", CardText.Of(b.CardUpdate), StringComparison.Ordinal);
        Assert.Contains("候补名单第 1 位", CardText.Of(c.CardUpdate), StringComparison.Ordinal);

        var cancel = await SignUps.HandleAsync(_w.Turn("energy-0", "节能志愿者0", "project.signup.cancel", new() { ["projectId"] = project.Id }), CancellationToken.None);

        Assert.Contains("已取消报名", CardText.Of(cancel.CardUpdate), StringComparison.Ordinal);
        var promoted = Assert.Single(cancel.Notifications);
        Assert.Equal("law-0", promoted.RecipientAadObjectId);
        Assert.Contains("由候补转为正式报名", promoted.In(VolunteerBot.Dialogs.Localization.Language.ZhCn).Text, StringComparison.Ordinal);
        Assert.Contains("you moved from the waitlist", promoted.In(VolunteerBot.Dialogs.Localization.Language.EnUs).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignUp_Twice_SaysAlreadyAndStoresOne()
    {
        var project = await OpenProjectAsync();
        await SignUpAsync(project, "energy-0");

        var again = await SignUpAsync(project, "energy-0");

        Assert.Contains("无需重复报名", CardText.Of(again.CardUpdate), StringComparison.Ordinal);
        Assert.Single(await _w.SignUps.ListByProjectAsync(project.Id, CancellationToken.None));
    }

    [Fact]
    public async Task SignUp_BranchProjectOfOtherDivision_Refused()
    {
        await FileAsync(With(W.Filing(), "joint", ""));
        var project = _w.Projects.All.Single();
        await Review.HandleAsync(_w.Turn(W.Committee, "张书记", "project.approve", new() { ["projectId"] = project.Id }), CancellationToken.None);

        var result = await SignUpAsync(project, "law-0");

        Assert.Contains("仅限其志愿者报名", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_AfterStart_Refused()
    {
        var project = await OpenProjectAsync();
        await SignUpAsync(project, "energy-0");
        _w.Time.SetUtcNow(project.Start.AddMinutes(1));

        var result = await SignUps.HandleAsync(_w.Turn("energy-0", "n", "project.signup.cancel", new() { ["projectId"] = project.Id }), CancellationToken.None);

        Assert.Contains("活动已开始，不能取消报名", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Equal(SignUpStatus.Confirmed, (await _w.SignUps.GetAsync(project.Id, "energy-0", CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task ProjectsList_ShowsOpenProjectsTheVolunteerCanJoin()
    {
        var project = await OpenProjectAsync();

        var list = await new ProjectListHandler(_w.Context).HandleAsync(_w.Turn("energy-0", "n", "projects.list"), CancellationToken.None);
        var other = await new ProjectListHandler(_w.Context).HandleAsync(_w.Turn("outsider", "n", "projects.list"), CancellationToken.None);

        Assert.Contains(project.Title, CardText.Of(list.CardUpdate), StringComparison.Ordinal);
        Assert.DoesNotContain(project.Title, CardText.Of(other.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MySignUps_ListsComingActivities()
    {
        var project = await OpenProjectAsync();
        await SignUpAsync(project, "energy-0");

        var mine = await new MySignUpsHandler(_w.Context).HandleAsync(_w.Turn("energy-0", "n", text: "我的报名"), CancellationToken.None);

        var card = Assert.Single(mine.Replies).Card;
        Assert.Contains(project.Title, CardText.Of(card), StringComparison.Ordinal);
        Assert.Contains("已报名", CardText.Of(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roster_LiaisonSeesSignUpsInOrder_CommitteeCancelsAndEveryoneIsTold()
    {
        var project = await OpenProjectAsync();
        await SignUpAsync(project, "energy-0");
        await SignUpAsync(project, "energy-1");
        await SignUpAsync(project, "law-0");
        var roster = new ProjectRosterHandler(_w.Context);

        var seen = await roster.HandleAsync(_w.Turn(W.Liaison, "李强", "project.roster", new() { ["projectId"] = project.Id }), CancellationToken.None);
        var text = CardText.Of(seen.CardUpdate);
        Assert.True(text.IndexOf("节能志愿者0", StringComparison.Ordinal) < text.IndexOf("节能志愿者1", StringComparison.Ordinal));
        Assert.Contains("候补（按报名先后）", text, StringComparison.Ordinal);
        Assert.DoesNotContain("project.cancel", text, StringComparison.Ordinal);

        var cancelled = await roster.HandleAsync(_w.Turn(W.Committee, "张书记", "project.cancel", new() { ["projectId"] = project.Id, ["cancelReason"] = "天气原因" }), CancellationToken.None);

        Assert.Equal(ProjectStatus.Cancelled, _w.Projects.All.Single().Status);
        var told = cancelled.Notifications.Select(n => n.RecipientAadObjectId).ToList();
        Assert.Contains("energy-0", told);
        Assert.Contains("law-0", told);
        Assert.Contains(W.Liaison, told);
        Assert.Contains("天气原因", cancelled.Notifications[0].In(VolunteerBot.Dialogs.Localization.Language.ZhCn).Text, StringComparison.Ordinal);
        Assert.All(cancelled.Notifications, n => Assert.Contains("is cancelled. Reason: 天气原因", n.In(VolunteerBot.Dialogs.Localization.Language.EnUs).Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Roster_LiaisonCannotCancel()
    {
        var project = await OpenProjectAsync();

        var result = await new ProjectRosterHandler(_w.Context).HandleAsync(_w.Turn(W.Liaison, "李强", "project.cancel", new() { ["projectId"] = project.Id }), CancellationToken.None);

        Assert.Contains("仅限机关党委", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Open, _w.Projects.All.Single().Status);
    }

    [Fact]
    public async Task Assign_ThenEachDivisionAccepts_ApprovedAndAnnouncedOnLastAcceptance()
    {
        var data = W.Filing("assign-1");
        data.Remove("division");
        data.Remove("joint");
        data["divisions"] = W.Energy + "," + W.Law;
        data["organiser"] = "centralised";

        var assigned = await new ProjectAssignHandler(_w.Context).HandleAsync(_w.Turn(W.Committee, "张书记", "project.assign.submit", data), CancellationToken.None);

        var project = _w.Projects.All.Single();
        Assert.Equal(ProjectStatus.Assigned, project.Status);
        Assert.Equal(ProjectOrigin.Designated, project.Origin);
        Assert.Equal([W.Liaison, W.LawLiaison], assigned.Notifications.Select(n => n.RecipientAadObjectId));

        var respond = new ProjectResponseHandler(_w.Context, _w.Announcer);
        var question = await respond.HandleAsync(_w.Turn(W.LawLiaison, "赵敏", "project.question", new() { ["projectId"] = project.Id, ["divisionId"] = W.Law }), CancellationToken.None);
        Assert.Contains("请在说明中写明", CardText.Of(question.CardUpdate), StringComparison.Ordinal);

        var first = await respond.HandleAsync(_w.Turn(W.Liaison, "李强", "project.accept", new() { ["projectId"] = project.Id, ["divisionId"] = W.Energy, ["note"] = "已安排专人" }), CancellationToken.None);
        Assert.Equal(ProjectStatus.Assigned, _w.Projects.All.Single().Status);
        Assert.All(first.Notifications, n => Assert.Contains(n.RecipientAadObjectId, new[] { W.Committee, W.Committee2 }));
        Assert.All(first.Notifications, n => Assert.Contains("accepted (李强)", n.In(VolunteerBot.Dialogs.Localization.Language.EnUs).Text, StringComparison.Ordinal));
        Assert.All(assigned.Notifications, n => Assert.NotEqual(CardText.Of(n.In(VolunteerBot.Dialogs.Localization.Language.ZhCn).Card), CardText.Of(n.In(VolunteerBot.Dialogs.Localization.Language.EnUs).Card)));

        var last = await respond.HandleAsync(_w.Turn(W.LawLiaison, "赵敏", "project.accept", new() { ["projectId"] = project.Id, ["divisionId"] = W.Law }), CancellationToken.None);
        Assert.Equal(ProjectStatus.Open, _w.Projects.All.Single().Status);
        Assert.Equal(_w.Volunteers.All.Count, Assert.Single(last.Broadcasts).Recipients.Count);

        var again = await respond.HandleAsync(_w.Turn(W.LawLiaison, "赵敏", "project.accept", new() { ["projectId"] = project.Id, ["divisionId"] = W.Law }), CancellationToken.None);
        Assert.Empty(again.Notifications);
        Assert.Empty(again.Broadcasts);
    }

    [Fact]
    public async Task Assign_ByLiaisonThroughRouter_Refused()
    {
        var router = new TurnRouter([new ProjectAssignHandler(_w.Context)], new HelpHandler());

        var result = await router.RouteAsync(_w.Turn(W.Liaison, "李强", "project.assign.submit", W.Filing()), CancellationToken.None);

        Assert.Contains("仅限机关党委", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Empty(_w.Projects.All);
    }

    [Fact]
    public async Task Declaration_ListsApprovedWithoutNumber_SavesNumber_ThenListIsEmpty()
    {
        var project = await OpenProjectAsync();
        var handler = new DeclarationHandler(_w.Context);

        var list = await handler.HandleAsync(_w.Turn(W.Committee, "张书记", text: "申报编号"), CancellationToken.None);
        Assert.Contains(project.Title, CardText.Of(list.Replies[0].Card), StringComparison.Ordinal);

        var missing = await handler.HandleAsync(_w.Turn(W.Committee, "张书记", "project.declare", new() { ["projectId"] = project.Id }), CancellationToken.None);
        Assert.Contains("请填写全国志愿服务信息系统中的项目编号", CardText.Of(missing.CardUpdate), StringComparison.Ordinal);

        var saved = await handler.HandleAsync(_w.Turn(W.Committee, "张书记", "project.declare", new() { ["projectId"] = project.Id, ["number-" + project.Id] = "NX20250517001" }), CancellationToken.None);
        Assert.Equal("NX20250517001", _w.Projects.All.Single().DeclarationNumber);
        Assert.Contains("已批准的项目均已填报编号", CardText.Of(saved.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MyProjects_ReturnedFilingOffersEditWithReason()
    {
        var project = await FiledAsync();
        await Review.HandleAsync(_w.Turn(W.Committee, "张书记", "project.return", new() { ["projectId"] = project.Id, ["reason"] = "请补充活动地点" }), CancellationToken.None);

        var mine = await new MyProjectsHandler(_w.Context).HandleAsync(_w.Turn(W.Liaison, "李强", text: "我的项目"), CancellationToken.None);

        var text = CardText.Of(mine.Replies[0].Card);
        Assert.Contains("退回意见：请补充活动地点", text, StringComparison.Ordinal);
        Assert.Contains("project.file.open", text, StringComparison.Ordinal);
    }

    private async Task<Project> OpenProjectAsync()
    {
        var project = await FiledAsync();
        await Review.HandleAsync(_w.Turn(W.Committee, "张书记", "project.approve", new() { ["projectId"] = project.Id }), CancellationToken.None);
        return _w.Projects.All.Single();
    }

    private Task<TurnResult> SignUpAsync(Project project, string who) =>
        SignUps.HandleAsync(_w.Turn(who, "志愿者", "project.signup", new() { ["projectId"] = project.Id }), CancellationToken.None);
}

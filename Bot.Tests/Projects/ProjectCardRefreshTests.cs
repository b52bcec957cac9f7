using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Tests.Infrastructure;
using W = VolunteerBot.Tests.Projects.ProjectWorld;

namespace VolunteerBot.Tests.Projects;

/// <summary>Volunteers' and liaisons' project cards stay current: replaced after an action, refreshed (Universal Actions) when opened.</summary>
public sealed class ProjectCardRefreshTests
{
    private readonly W _w = new();

    private SignUpHandler SignUps => new(_w.Context);

    private TurnRouter Router => new([SignUps, new ProjectListHandler(_w.Context), new MySignUpsHandler(_w.Context), new ProjectRosterHandler(_w.Context)], new HelpHandler());

    private Task<(Project Project, TurnResult Approval)> OpenProjectAsync() => _w.OpenProjectAsync();

    private Task<TurnResult> SignUpAsync(Project p, string who) => _w.SignUpAsync(p, who);

    private static string Verb(JsonObject? card) => card!["refresh"]!["action"]!["verb"]!.GetValue<string>();

    private static string[] UserIds(JsonObject? card) => card!["refresh"]!["userIds"]?.AsArray().Select(n => n!.GetValue<string>()).ToArray() ?? [];

    [Fact]
    public async Task Announcement_RefreshesWithoutUserIds_SoEachPersonalChatGetsItsOwnView()
    {
        var (project, approval) = await OpenProjectAsync();

        var card = Assert.Single(approval.Broadcasts).Message.Card; // the announcement, sent through the reminder queue

        Assert.Equal(ProjectVerbs.Show, Verb(card));
        Assert.Equal(project.Id, card!["refresh"]!["action"]!["data"]!["projectId"]!.GetValue<string>());
        Assert.Empty(UserIds(card));
    }

    [Fact]
    public async Task SignUpAndCancel_ReplaceTheCardWithOwnStatusSeatsAndARefreshForThatVolunteer()
    {
        var (project, _) = await OpenProjectAsync();

        var signedUp = await SignUpAsync(project, "energy-0");
        var text = CardText.Of(signedUp.CardUpdate);
        Assert.Contains("已报名 1/2 人", text, StringComparison.Ordinal);
        Assert.Contains("您已报名成功", text, StringComparison.Ordinal);
        Assert.Contains("project.signup.cancel", text, StringComparison.Ordinal);
        Assert.Equal(ProjectVerbs.Show, Verb(signedUp.CardUpdate));
        Assert.Equal(["8:orgid:energy-0"], UserIds(signedUp.CardUpdate));

        var cancelled = await SignUps.HandleAsync(_w.Turn("energy-0", "志愿者", "project.signup.cancel", new() { ["projectId"] = project.Id }), CancellationToken.None);
        var after = CardText.Of(cancelled.CardUpdate);
        Assert.Contains("已报名 0/2 人", after, StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"project.signup\"", after, StringComparison.Ordinal);
        Assert.Equal(["8:orgid:energy-0"], UserIds(cancelled.CardUpdate));
    }

    [Fact]
    public async Task RefreshInvoke_ShowsCurrentSeatsAndTheViewersOwnStatus_WithoutChangingData()
    {
        var (project, _) = await OpenProjectAsync();
        await SignUpAsync(project, "energy-0");
        await SignUpAsync(project, "energy-1");
        await SignUpAsync(project, "law-0");
        var before = (await _w.SignUps.ListByProjectAsync(project.Id, CancellationToken.None)).ToList();
        var projectBefore = _w.Projects.All.Single();

        var waitlisted = await Router.RouteAsync(_w.Turn("law-0", "法规志愿者0", ProjectVerbs.Show, new() { ["projectId"] = project.Id }), CancellationToken.None);
        var outsider = await Router.RouteAsync(_w.Turn("energy-2", "节能志愿者2", ProjectVerbs.Show, new() { ["projectId"] = project.Id }), CancellationToken.None);

        Assert.Contains("您在候补名单第 1 位", CardText.Of(waitlisted.CardUpdate), StringComparison.Ordinal);
        Assert.Contains("已报名 2/2 人 · 候补 1 人", CardText.Of(outsider.CardUpdate), StringComparison.Ordinal);
        Assert.DoesNotContain("您已报名成功", CardText.Of(outsider.CardUpdate), StringComparison.Ordinal);
        Assert.Equal(["8:orgid:energy-2"], UserIds(outsider.CardUpdate));
        Assert.Empty(waitlisted.Notifications);
        Assert.Equal(before, await _w.SignUps.ListByProjectAsync(project.Id, CancellationToken.None));
        Assert.Same(projectBefore, _w.Projects.All.Single());
    }

    [Fact]
    public async Task RefreshInvoke_ByAnUnregisteredUser_RefusedOnTheServer()
    {
        var (project, _) = await OpenProjectAsync();

        var result = await Router.RouteAsync(_w.Turn("stranger", "路人", ProjectVerbs.Show, new() { ["projectId"] = project.Id }), CancellationToken.None);

        Assert.DoesNotContain(project.Title, CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Empty(await _w.SignUps.ListByProjectAsync(project.Id, CancellationToken.None));
    }

    [Fact]
    public async Task ListAndMySignUps_CarryARefreshForTheirOwner_AndShowCurrentState()
    {
        var (project, _) = await OpenProjectAsync();
        var list = await Router.RouteAsync(_w.Turn("energy-0", "n", text: "项目列表"), CancellationToken.None);
        var listCard = Assert.Single(list.Replies).Card;
        Assert.Equal(ProjectVerbs.ProjectsList, Verb(listCard));
        Assert.Equal(["8:orgid:energy-0"], UserIds(listCard));
        Assert.Contains("剩余名额 2/2", CardText.Of(listCard), StringComparison.Ordinal);

        await SignUpAsync(project, "energy-0");
        var refreshedList = await Router.RouteAsync(_w.Turn("energy-0", "n", Verb(listCard)), CancellationToken.None);
        Assert.Contains("已报名", CardText.Of(refreshedList.CardUpdate), StringComparison.Ordinal);
        Assert.DoesNotContain("剩余名额", CardText.Of(refreshedList.CardUpdate), StringComparison.Ordinal);

        var mine = await Router.RouteAsync(_w.Turn("energy-0", "n", ProjectVerbs.ProjectsMine), CancellationToken.None);
        Assert.Equal(ProjectVerbs.ProjectsMine, Verb(mine.CardUpdate));
        Assert.Equal(["8:orgid:energy-0"], UserIds(mine.CardUpdate));
    }

    [Fact]
    public async Task GroupChat_CardsAreNotMadeRefreshable()
    {
        var (project, _) = await OpenProjectAsync();
        var turn = _w.Turn("energy-0", "n", "project.show", new() { ["projectId"] = project.Id }) with { Kind = ConversationKind.GroupChat };

        var result = await Router.RouteAsync(turn, CancellationToken.None);

        Assert.Contains(project.Title, CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Null(result.CardUpdate!["refresh"]);
    }

    [Fact]
    public async Task RosterCard_RefreshesForTheLiaison_ShowsNewSignUps_AndOtherDivisionsLiaisonRefused()
    {
        var (project, _) = await OpenProjectAsync();
        var roster = await Router.RouteAsync(_w.Turn(W.Liaison, "李强", "project.roster", new() { ["projectId"] = project.Id }), CancellationToken.None);
        Assert.Equal(ProjectVerbs.Roster, Verb(roster.CardUpdate));
        Assert.Equal(["8:orgid:" + W.Liaison], UserIds(roster.CardUpdate));
        Assert.Contains("暂无人报名", CardText.Of(roster.CardUpdate), StringComparison.Ordinal);

        await SignUpAsync(project, "energy-1");
        var refreshed = await Router.RouteAsync(_w.Turn(W.Liaison, "李强", ProjectVerbs.Roster, new() { ["projectId"] = project.Id }), CancellationToken.None);
        var volunteer = await Router.RouteAsync(_w.Turn("energy-0", "n", ProjectVerbs.Roster, new() { ["projectId"] = project.Id }), CancellationToken.None);

        Assert.Contains("1. 节能志愿者1（节能与综合利用处）", CardText.Of(refreshed.CardUpdate), StringComparison.Ordinal);
        Assert.DoesNotContain("节能志愿者1", CardText.Of(volunteer.CardUpdate), StringComparison.Ordinal);
    }
}

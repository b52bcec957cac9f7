using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Projects;

/// <summary>Archive, cancellation and card refresh through the HTTP pipeline on Azurite, with a fake clock.</summary>
public sealed class ProjectLifecycleEndToEndTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TestUser _liaison = TestUser.New("李强");
    private readonly TestUser _volunteer = TestUser.New("王芳");
    private readonly TestUser _other = TestUser.New("刘洋");
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;
    private string _energy = "";

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, time: _time);
        _energy = await ProjectSeed.DivisionAsync(_bot, "节能与综合利用处", _liaison.AadObjectId);
        await ProjectSeed.VolunteerAsync(_bot, _liaison, _energy);
        await ProjectSeed.VolunteerAsync(_bot, _volunteer, _energy);
        await ProjectSeed.VolunteerAsync(_bot, _other, _energy);
        await ProjectSeed.InstallAsync(_bot, TestUser.Committee);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private async Task<Project> OpenProjectAsync(int capacity)
    {
        var id = await ProjectSeed.FileAsync(_bot, _liaison, _energy, _time.GetUtcNow(), capacity);
        await _bot.ExecuteAsync(TestUser.Committee, "project.approve", new { projectId = id });
        return (await _bot.Service<IProjectStore>().GetAsync(id, CancellationToken.None))!;
    }

    [Fact]
    public async Task RefreshInvoke_ReturnsTheCurrentCardForTheViewer_AndWritesNothing()
    {
        var project = await OpenProjectAsync(1);
        await _bot.ExecuteAsync(_volunteer, "project.signup", new { projectId = project.Id });
        var refresh = TestActivities.Invoke(_connector.Url, _other, ProjectVerbs.Show, new { projectId = project.Id });
        refresh["value"]!["trigger"] = "automatic";

        var (_, body) = await _bot.SendAsync(refresh);
        var card = body?["value"] as JsonObject;
        var own = await _bot.ExecuteAsync(_volunteer, ProjectVerbs.Show, new { projectId = project.Id });
        var roster = await _bot.ExecuteAsync(_liaison, ProjectVerbs.Roster, new { projectId = project.Id });

        Assert.Contains("已报名 1/1 人 · 候补 0 人", CardText.Of(card), StringComparison.Ordinal);
        Assert.Contains("\"verb\":\"project.signup\"", CardText.Of(card), StringComparison.Ordinal);
        Assert.Equal("8:orgid:" + _other.AadObjectId, card!["refresh"]!["userIds"]![0]!.GetValue<string>());
        Assert.Contains("您已报名成功", CardText.Of(own), StringComparison.Ordinal);
        Assert.Contains("1. 王芳（节能与综合利用处）", CardText.Of(roster), StringComparison.Ordinal);
        Assert.Equal(ProjectVerbs.Roster, roster!["refresh"]!["action"]!["verb"]!.GetValue<string>());
        Assert.Equal(new SignUpCounts(1, 0), await _bot.Service<ISignUpStore>().CountAsync(project.Id, CancellationToken.None));
        Assert.Null(await _bot.Service<ISignUpStore>().GetAsync(project.Id, _other.AadObjectId, CancellationToken.None));

        // An automatic refresh leaves no replay row behind (a claim of its id still succeeds).
        var replays = _bot.Service<VolunteerBot.Storage.InvokeReplayStore>();
        Assert.True(await replays.TryClaimAsync(refresh["conversation"]!["id"]!.GetValue<string>(), refresh["id"]!.GetValue<string>(), CancellationToken.None));
    }

    [Fact]
    public async Task Archive_RefusedUntilAttendanceConfirmedAndDeclared_ThenArchivedAndOffTheLists()
    {
        var project = await OpenProjectAsync(5);
        await _bot.ExecuteAsync(_volunteer, "project.signup", new { projectId = project.Id });
        _time.SetUtcNow(project.End.AddDays(1));

        var early = await _bot.ExecuteAsync(TestUser.Committee, "project.archive", new { projectId = project.Id });
        Assert.Contains("联络员尚未确认本次活动的出勤和服务时长", CardText.Of(early), StringComparison.Ordinal);

        await _bot.ExecuteAsync(_liaison, "hours.activity.submit", new Dictionary<string, string>
        {
            ["projectId"] = project.Id, ["ids"] = _volunteer.AadObjectId, ["att0"] = "true", ["hrs0"] = "3", ["q0"] = "Good",
        });
        var undeclared = await _bot.ExecuteAsync(TestUser.Committee, "project.archive", new { projectId = project.Id });
        Assert.Contains("尚未录入全国志愿服务信息系统编号", CardText.Of(undeclared), StringComparison.Ordinal);

        await _bot.ExecuteAsync(TestUser.Committee, "project.declare", new Dictionary<string, string> { ["projectId"] = project.Id, ["number-" + project.Id] = "NX-0001" });
        var listed = await _bot.ExecuteAsync(TestUser.Committee, "projects.completed");
        Assert.Contains("时长已确认，可以归档", CardText.Of(listed), StringComparison.Ordinal);

        var done = await _bot.ExecuteAsync(TestUser.Committee, "project.archive", new { projectId = project.Id });
        Assert.Contains("已归档：敬老院志愿服务", CardText.Of(done), StringComparison.Ordinal);
        Assert.Contains("目前没有待归档的项目", CardText.Of(done), StringComparison.Ordinal);
        var stored = await _bot.Service<IProjectStore>().GetAsync(project.Id, CancellationToken.None);
        Assert.Equal(ProjectStatus.Archived, stored!.Status);
        Assert.Equal("张书记", stored.ArchivedByName);

        var liaisonList = await _bot.ExecuteAsync(_liaison, "projects.division");
        Assert.DoesNotContain("敬老院志愿服务", CardText.Of(liaisonList), StringComparison.Ordinal);
        var byLiaison = await _bot.ExecuteAsync(_liaison, "project.archive", new { projectId = project.Id });
        Assert.Contains("仅限机关党委", CardText.Of(byLiaison), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_SignedUpVolunteersToldThroughTheConnector_TheirCardRefreshShowsCancelled()
    {
        var project = await OpenProjectAsync(1);
        await _bot.ExecuteAsync(_volunteer, "project.signup", new { projectId = project.Id });
        await _bot.ExecuteAsync(_other, "project.signup", new { projectId = project.Id });

        var roster = await _bot.ExecuteAsync(TestUser.Committee, "project.cancel", new { projectId = project.Id, cancelReason = "场地维修" });

        Assert.Contains("项目已取消", CardText.Of(roster), StringComparison.Ordinal);
        await _connector.WaitForAsync(calls => new[] { _volunteer, _other }.All(u =>
            calls.Any(c => c.Path == $"/v3/conversations/{u.ConversationId}/activities" && (c.Text ?? "").Contains("已取消。原因：场地维修", StringComparison.Ordinal))));
        var card = await _bot.ExecuteAsync(_volunteer, ProjectVerbs.Show, new { projectId = project.Id });
        Assert.Contains("该活动已取消。原因：场地维修", CardText.Of(card), StringComparison.Ordinal);
        Assert.DoesNotContain("project.signup", CardText.Of(card), StringComparison.Ordinal);
    }
}

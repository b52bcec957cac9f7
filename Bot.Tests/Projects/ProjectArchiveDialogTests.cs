using VolunteerBot.Dialogs.Cards;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Handlers.Hours;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Tests.Infrastructure;
using W = VolunteerBot.Tests.Projects.ProjectWorld;

namespace VolunteerBot.Tests.Projects;

/// <summary>Archiving completed projects (归档) and the cancellation notice, in the dialogs with in-memory stores.</summary>
public sealed class ProjectArchiveDialogTests
{
    private readonly W _w = new();
    private readonly MemoryServiceRecordStore _records = new();
    private readonly MemoryServiceRecordConfirmationStore _confirmations = new();

    private ProjectArchiveHandler Archive => new(_w.Context, _records, _confirmations, new MemoryCheckInStore());

    private async Task<Project> OpenProjectAsync() => (await _w.OpenProjectAsync()).Project;

    private Task<TurnResult> SignUpAsync(Project p, string who) => _w.SignUpAsync(p, who);

    private Task<TurnResult> ArchiveAsync(Project p, string from = "list") =>
        Archive.HandleAsync(_w.Turn(W.Committee, "张书记", ProjectVerbs.Archive, new() { ["projectId"] = p.Id, ["from"] = from }), CancellationToken.None);

    private Task DeclareAsync(Project p) =>
        _w.Projects.UpdateAsync(p.Id, x => ProjectLifecycle.Declare(x, "NX-2025-0517", W.Committee, _w.Time.GetUtcNow()).Project, CancellationToken.None);

    private ServiceRecord Pending(Project p, string who) => new()
    {
        VolunteerAadObjectId = who, VolunteerName = "节能志愿者0", DivisionId = W.Energy, ProjectId = p.Id, ProjectTitle = p.Title,
        OrganiserDivisionIds = p.AllDivisionIds, Date = ProjectCalendar.LocalDate(p.Start, ProjectSamples.Zone), Hours = 3m,
        Status = RecordStatus.Pending, Source = RecordSource.Volunteer, LoggedByAadObjectId = who, LoggedAt = p.End,
    };

    private Project Stored => _w.Projects.All.Single();

    [Fact]
    public async Task Archive_BeforeTheActivityEnds_RefusedWithItsStatus()
    {
        var project = await OpenProjectAsync();

        var result = await ArchiveAsync(project);

        Assert.Contains("该项目当前状态为“报名中”，活动结束后方可归档", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Open, Stored.Status);
    }

    [Fact]
    public async Task Archive_RefusedUntilAttendanceConfirmedHoursSettledAndDeclared_ThenArchivedOnce()
    {
        var project = await OpenProjectAsync();
        await SignUpAsync(project, "energy-0");
        _w.Time.SetUtcNow(project.End.AddDays(2));

        var attendance = await ArchiveAsync(project);
        Assert.Contains("联络员尚未确认本次活动的出勤和服务时长", CardText.Of(attendance.CardUpdate), StringComparison.Ordinal);

        await _confirmations.MarkConfirmedAsync(project.Id, new Actor(W.Liaison, "李强"), _w.Time.GetUtcNow(), CancellationToken.None);
        _records.Seed(Pending(project, W.Liaison));
        var pending = await ArchiveAsync(project);
        Assert.Contains("尚有 1 条服务时长待确认", CardText.Of(pending.CardUpdate), StringComparison.Ordinal);

        _records.ClearRecords();
        var undeclared = await ArchiveAsync(project);
        Assert.Contains("尚未录入全国志愿服务信息系统编号", CardText.Of(undeclared.CardUpdate), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Open, Stored.Status);

        await DeclareAsync(project);
        var done = await ArchiveAsync(project);
        Assert.Contains("已归档：工业节能宣传进企业", CardText.Of(done.CardUpdate), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Archived, Stored.Status);
        Assert.Equal("张书记", Stored.ArchivedByName);
        Assert.Empty(done.Notifications);

        var again = await ArchiveAsync(project);
        Assert.Contains("无需再次操作", CardText.Of(again.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_FromTheRosterCard_ReturnsTheRosterMarkedArchivedWithoutButtons()
    {
        var project = await OpenProjectAsync();
        await DeclareAsync(project);
        _w.Time.SetUtcNow(project.End.AddDays(1));
        var roster = await new ProjectRosterHandler(_w.Context).HandleAsync(_w.Turn(W.Committee, "张书记", "project.roster", new() { ["projectId"] = project.Id }), CancellationToken.None);
        Assert.Contains(ProjectVerbs.Archive, CardText.Of(roster.CardUpdate), StringComparison.Ordinal);

        var result = await ArchiveAsync(project, from: "roster");

        var text = CardText.Of(result.CardUpdate);
        Assert.Contains("报名名单：工业节能宣传进企业", text, StringComparison.Ordinal);
        Assert.Contains("已归档（张书记，2025-05-18）", text, StringComparison.Ordinal);
        Assert.DoesNotContain(ProjectVerbs.Archive, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Router_LiaisonTriesToArchive_RefusedOnServer()
    {
        var project = await OpenProjectAsync();
        await DeclareAsync(project);
        _w.Time.SetUtcNow(project.End.AddDays(1));
        var router = new TurnRouter([Archive], new HelpHandler());

        var result = await router.RouteAsync(_w.Turn(W.Liaison, "李强", ProjectVerbs.Archive, new() { ["projectId"] = project.Id }), CancellationToken.None);

        Assert.Contains("仅限机关党委", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Open, Stored.Status);
    }

    [Fact]
    public async Task CompletedList_ShowsWhatBlocksEachAndArchiveOnlyWhenReady()
    {
        var project = await OpenProjectAsync();
        _w.Time.SetUtcNow(project.End.AddDays(1));

        var blocked = await Archive.HandleAsync(_w.Turn(W.Committee, "张书记", text: "待归档项目"), CancellationToken.None);
        var blockedText = CardText.Of(Assert.Single(blocked.Replies).Card);
        Assert.Contains("尚未录入全国志愿服务信息系统编号", blockedText, StringComparison.Ordinal);
        Assert.DoesNotContain(ProjectVerbs.Archive, blockedText, StringComparison.Ordinal);

        await DeclareAsync(project);
        var ready = await Archive.HandleAsync(_w.Turn(W.Committee, "张书记", ProjectVerbs.ProjectsCompleted), CancellationToken.None);
        var readyText = CardText.Of(ready.CardUpdate);
        Assert.Contains("时长已确认，可以归档", readyText, StringComparison.Ordinal);
        Assert.Contains(ProjectVerbs.Archive, readyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archived_LeavesLiaisonsListAndLoggableActivities_StillCountsForQuota()
    {
        var project = await OpenProjectAsync();
        await SignUpAsync(project, "energy-0");
        await DeclareAsync(project);
        _w.Time.SetUtcNow(project.End.AddDays(1));
        await _confirmations.MarkConfirmedAsync(project.Id, new Actor(W.Liaison, "李强"), _w.Time.GetUtcNow(), CancellationToken.None);
        var hours = new HoursContext(_w.Time, ProjectSamples.Options(W.Committee), _w.Volunteers, _w.Divisions, _w.Projects, _w.SignUps);
        Assert.Contains(await hours.LoggableProjectsAsync("energy-0", CancellationToken.None), p => p.Id == project.Id);

        await ArchiveAsync(project);

        var mine = await new MyProjectsHandler(_w.Context).HandleAsync(_w.Turn(W.Liaison, "李强", text: "我的项目"), CancellationToken.None);
        Assert.DoesNotContain(project.Title, CardText.Of(Assert.Single(mine.Replies).Card), StringComparison.Ordinal);
        Assert.DoesNotContain(await hours.LoggableProjectsAsync("energy-0", CancellationToken.None), p => p.Id == project.Id);
        Assert.Equal(1, QuotaCalculator.Count(_w.Projects.All, 2025, ProjectSamples.Zone).BranchOf(W.Energy));
    }

    [Fact]
    public async Task CancelledProject_VolunteersAndWaitlistTold_TheirCardsShowCancelledWithoutSignUp()
    {
        var project = await OpenProjectAsync();
        await SignUpAsync(project, "energy-0");
        await SignUpAsync(project, "energy-1");
        await SignUpAsync(project, "energy-2");

        var cancelled = await new ProjectRosterHandler(_w.Context).HandleAsync(
            _w.Turn(W.Committee, "张书记", "project.cancel", new() { ["projectId"] = project.Id, ["cancelReason"] = "天气原因" }), CancellationToken.None);

        Assert.Equal(["energy-0", "energy-1", "energy-2"], cancelled.Notifications.Where(n => n.RecipientAadObjectId.StartsWith("energy-", StringComparison.Ordinal)).Select(n => n.RecipientAadObjectId).Order());
        Assert.All(cancelled.Notifications, n => Assert.Contains("已取消。原因：天气原因", n.In(VolunteerBot.Dialogs.Localization.Language.ZhCn).Text, StringComparison.Ordinal));
        var card = await new ProjectListHandler(_w.Context).HandleAsync(_w.Turn("energy-0", "n", "project.show", new() { ["projectId"] = project.Id }), CancellationToken.None);
        var text = CardText.Of(card.CardUpdate);
        Assert.Contains("该活动已取消。原因：天气原因", text, StringComparison.Ordinal);
        Assert.DoesNotContain("project.signup", text, StringComparison.Ordinal);
        Assert.DoesNotContain("您已报名成功", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_InEnglish_RefusalSaysWhatToDo()
    {
        var project = await OpenProjectAsync();
        _w.Time.SetUtcNow(project.End.AddDays(1));

        var result = await Archive.HandleAsync(_w.Turn(W.Committee, "Zhang", ProjectVerbs.Archive, new() { ["projectId"] = project.Id }, language: Language.EnUs), CancellationToken.None);

        Assert.Contains("Not archived: this project has no number in the national volunteer service information system. Please enter it under", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
    }
}

using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Handlers.Hours;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Tests.Projects;
using VolunteerBot.Jobs;

namespace VolunteerBot.Tests.Durability;

/// <summary>
/// Archiving a completed activity while a volunteer logs hours for it, both interleavings replayed exactly through
/// store hooks on Azurite: the end state never has a pending record on an archived project.
/// </summary>
public sealed class ArchiveRaceTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly ArchiveRaceHooks _hooks = new();
    private readonly TestUser _volunteer = TestUser.New("王芳");
    private readonly TestUser _liaison = TestUser.New("李强");
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;
    private Project _project = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, new Dictionary<string, string?> { ["Hours:ConfirmationSweep:Enabled"] = "false" })
        {
            Replace = s =>
            {
                s.Replace(ServiceDescriptor.Singleton<IProjectStore>(sp => _hooks.Wrap(ActivatorUtilities.CreateInstance<ProjectTableStore>(sp))));
                s.Replace(ServiceDescriptor.Singleton<IServiceRecordStore>(sp => _hooks.Wrap(ActivatorUtilities.CreateInstance<ServiceRecordTableStore>(sp))));
            },
        };
        var now = DateTimeOffset.UtcNow;
        var division = await ProjectSeed.DivisionAsync(_bot, "中小企业处", _liaison.AadObjectId);
        await ProjectSeed.VolunteerAsync(_bot, _volunteer, division, install: false);
        await ProjectSeed.InstallAsync(_bot, TestUser.Committee);
        var start = now.AddDays(-1);
        _project = new Project
        {
            Id = Project.NewId(start.Year), Title = "垃圾分类宣传进社区", CategoryId = "waste-sorting", Organiser = OrganiserType.Branch,
            Origin = ProjectOrigin.Applied, DivisionId = division, Start = start, End = start.AddHours(3), Place = "金凤区XX社区", Capacity = 30,
            Status = ProjectStatus.Open, FiledByAadObjectId = _liaison.AadObjectId, FiledByName = "李强", FiledAt = start.AddDays(-7), DeclarationNumber = "SB-001",
        };
        await _bot.Service<IProjectStore>().CreateAsync(_project, _ct);
        await _bot.Service<ISignUpStore>().SignUpAsync(new SignUpRequest(_project.Id, _volunteer.AadObjectId, "王芳", division, 30, start.AddDays(-3)), _ct);
        // The liaison confirmed attendance (nothing recorded for 王芳 yet): archiving is allowed until hours are logged.
        await _bot.Service<IServiceRecordConfirmationStore>().MarkConfirmedAsync(_project.Id, new Actor(_liaison.AadObjectId, "李强"), now, _ct);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Archive_HoursLoggedBetweenCheckAndWrite_RefusedWithPendingMessageAndNotArchived()
    {
        System.Text.Json.Nodes.JsonObject? logged = null;
        _hooks.BeforeArchiveWrite = async () => logged = await LogAsync();

        var archive = await ArchiveAsync();

        Assert.Contains("待联络员确认", CardText.Of(logged), StringComparison.Ordinal); // the log really ran in between
        Assert.Contains("暂不能归档：尚有 1 条服务时长待确认", CardText.Of(archive), StringComparison.Ordinal);
        var stored = await _bot.Service<IProjectStore>().GetAsync(_project.Id, _ct);
        Assert.Equal(ProjectStatus.Completed, stored!.Status);
        Assert.Null(stored.ArchivedAt);
        Assert.Equal(RecordStatus.Pending, (await RecordAsync())!.Status);
    }

    [Fact]
    public async Task Log_ArchivedBetweenReadAndWrite_ProjectReopenedAndArchiverTold()
    {
        System.Text.Json.Nodes.JsonObject? archive = null;
        _hooks.BeforeRecordWrite = async () => archive = await ArchiveAsync();

        var logged = await LogAsync();

        Assert.Contains("已归档：垃圾分类宣传进社区", CardText.Of(archive), StringComparison.Ordinal); // archived in between
        Assert.Contains("待联络员确认", CardText.Of(logged), StringComparison.Ordinal);
        var stored = await _bot.Service<IProjectStore>().GetAsync(_project.Id, _ct);
        Assert.Equal(ProjectStatus.Completed, stored!.Status); // back in 待归档 with its pending record
        Assert.Null(stored.ArchivedByAadObjectId);
        Assert.Equal(RecordStatus.Pending, (await RecordAsync())!.Status);
        var told = await _connector.WaitForAsync(c => c.Any(x => (x.Text ?? "").Contains("归档已撤回", StringComparison.Ordinal)));
        var notice = Assert.Single(told, x => (x.Text ?? "").Contains("归档已撤回", StringComparison.Ordinal));
        Assert.Contains(TestUser.Committee.ConversationId, notice.Path, StringComparison.Ordinal);
        Assert.Contains("“垃圾分类宣传进社区”的归档已撤回：归档的同时，志愿者王芳登记了服务时长", notice.Text, StringComparison.Ordinal);

        var again = await ArchiveAsync();
        Assert.Contains("暂不能归档：尚有 1 条服务时长待确认", CardText.Of(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_ArchivedWithAPendingRecordLeftBehind_ReopensAndTellsTheArchiver()
    {
        // The end state a failed re-check leaves (the log's re-read threw, and its retry no longer reaches the guard):
        // archived, and a pending record written after the archive's own re-count.
        await ArchiveAsync();
        var now = DateTimeOffset.UtcNow;
        var draft = new ServiceRecord
        {
            VolunteerAadObjectId = _volunteer.AadObjectId, VolunteerName = "王芳", DivisionId = _project.DivisionId, ProjectId = _project.Id,
            ProjectTitle = _project.Title, OrganiserDivisionIds = [_project.DivisionId], Place = _project.Place, Content = "", Date = Date, Hours = 3m,
            Status = RecordStatus.Pending, Source = RecordSource.Volunteer, LoggedByAadObjectId = _volunteer.AadObjectId, LoggedAt = now, Revision = 0,
        };
        await _bot.Service<IServiceRecordStore>().ApplyAsync(_volunteer.AadObjectId, draft.Id, before => RecordRules.Log(before, draft, now), _ct);

        var first = await _bot.Service<VolunteerBot.Jobs.HoursConfirmationSweep>().RunOnceAsync(_ct);
        var second = await _bot.Service<VolunteerBot.Jobs.HoursConfirmationSweep>().RunOnceAsync(_ct);

        Assert.Equal(1, first.Reopened);
        Assert.Equal(0, second.Reopened);
        var stored = await _bot.Service<IProjectStore>().GetAsync(_project.Id, _ct);
        Assert.Equal(ProjectStatus.Completed, stored!.Status);
        var told = await _connector.WaitForAsync(c => c.Any(x => (x.Text ?? "").Contains("归档已撤回", StringComparison.Ordinal)));
        var notice = Assert.Single(told, x => (x.Text ?? "").Contains("归档已撤回", StringComparison.Ordinal));
        Assert.Contains(TestUser.Committee.ConversationId, notice.Path, StringComparison.Ordinal);
        Assert.Contains("“垃圾分类宣传进社区”的归档已撤回：该项目尚有 1 条服务时长待确认", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Archive_NoRace_ArchivedAndLaterLogRefused()
    {
        var archive = await ArchiveAsync();
        var logged = await LogAsync();

        Assert.Contains("已归档：垃圾分类宣传进社区", CardText.Of(archive), StringComparison.Ordinal);
        Assert.DoesNotContain("待联络员确认", CardText.Of(logged), StringComparison.Ordinal);
        Assert.Equal(ProjectStatus.Archived, (await _bot.Service<IProjectStore>().GetAsync(_project.Id, _ct))!.Status);
        Assert.Null(await RecordAsync());
    }

    private Task<System.Text.Json.Nodes.JsonObject?> ArchiveAsync() =>
        _bot.ExecuteAsync(TestUser.Committee, ProjectVerbs.Archive, new { projectId = _project.Id });

    private Task<System.Text.Json.Nodes.JsonObject?> LogAsync() =>
        _bot.ExecuteAsync(_volunteer, HoursVerbs.LogSubmit, new Dictionary<string, string>
        {
            [HoursCards.Project] = _project.Id, [HoursCards.Date] = Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), [HoursCards.HoursField] = "3", [HoursCards.Content] = "",
        });

    private DateOnly Date => ProjectCalendar.LocalDate(_project.Start, _bot.Service<IOptions<VolunteeringOptions>>().Value.Zone);

    private Task<ServiceRecord?> RecordAsync() =>
        _bot.Service<IServiceRecordStore>().GetAsync(_volunteer.AadObjectId, ServiceRecord.IdOf(Date, _project.Id), _ct);
}

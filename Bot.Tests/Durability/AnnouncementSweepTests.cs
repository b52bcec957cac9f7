using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Reminders;
using Quarter = VolunteerBot.Dialogs.Domain.Reminders.Quarter;
using VolunteerBot.Reminders;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Tests.Projects;
using VolunteerBot.Tests.Reminders;
using VolunteerBot.Storage.Reminders;
using VolunteerBot.Jobs;
using VolunteerBot.Storage.Delivery;

namespace VolunteerBot.Tests.Durability;

/// <summary>
/// The announcement sweep on Azurite through the real pipeline: an approval whose announcement claim failed after the
/// project was opened is announced by the next sweep, once; an announced project is never announced again.
/// </summary>
public sealed class AnnouncementSweepTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly TestUser _liaison = TestUser.New("李强");
    private readonly TestUser _volunteer = TestUser.New("王芳");
    private readonly FailingBroadcasts _failing = new();
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;
    private string _energy = "";

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, time: _time)
        {
            Replace = s => s.Replace(ServiceDescriptor.Singleton<IBroadcastDispatcher>(sp =>
                _failing.Wrap(ActivatorUtilities.CreateInstance<BroadcastStarter>(sp)))),
        };
        _energy = await ProjectSeed.DivisionAsync(_bot, "节能与综合利用处", _liaison.AadObjectId);
        await ProjectSeed.VolunteerAsync(_bot, _liaison, _energy);
        await ProjectSeed.VolunteerAsync(_bot, _volunteer, _energy);
        await ProjectSeed.InstallAsync(_bot, TestUser.Committee);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task RunOnceAsync_ClaimFailedAfterOpening_AnnouncesOnceOnTheNextSweep()
    {
        _failing.FailNext = true;
        var id = await FileAndApproveAsync();
        var project = await _bot.Service<IProjectStore>().GetAsync(id, CancellationToken.None);
        Assert.Equal(ProjectStatus.Open, project!.Status); // the status change was written, the claim was not
        Assert.Null(await RunAsync(project));

        _time.Advance(TimeSpan.FromMinutes(3));
        var sweep = _bot.Service<AnnouncementSweep>();
        var first = await sweep.RunOnceAsync(CancellationToken.None);
        var second = await sweep.RunOnceAsync(CancellationToken.None);

        Assert.Equal(new AnnouncementSweepResult(0, 1), first);
        Assert.Equal(new AnnouncementSweepResult(0, 0), second);
        var run = await ReminderCrashResumeTests.WaitAsync(() => RunAsync(project), r => r is { FanOutDone: true }, TimeSpan.FromSeconds(30));
        Assert.Equal(2, run!.Recipients); // the division's two volunteers
        Assert.Equal(project.DecidedByAadObjectId, run.RequestedBy);
        var runs = await _bot.Service<ReminderRunStore>().ListAsync(Quarter.Of(project.AnnouncedAt!.Value, Zone), CancellationToken.None);
        Assert.Single(runs, r => r.KindKey == "announce-" + id);
        // The delivery rows (queued, or already sent: the fan-out wakes this process's sender) show who gets it, each once.
        var deliveries = _bot.Service<ReminderDeliveryStore>();
        var queued = new List<DeliveryRow>();
        foreach (var status in new[] { DeliveryStatus.Queued, DeliveryStatus.Sending, DeliveryStatus.Sent })
        {
            queued.AddRange(await deliveries.ListAsync(run.RunId, status, CancellationToken.None));
        }

        // One row per recipient (the row key); a row that moved from Sending to Sent between two of the reads above shows twice.
        Assert.Equal(new[] { _liaison.AadObjectId, _volunteer.AadObjectId }.Order(), queued.Select(r => r.RecipientId).Distinct().Order());
        Assert.All(queued, r => Assert.Contains("新的志愿服务活动开始报名", CardText.Of(System.Text.Json.Nodes.JsonNode.Parse(r.Message)), StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunOnceAsync_AlreadyAnnounced_StartsNothing()
    {
        var id = await FileAndApproveAsync();
        var project = await _bot.Service<IProjectStore>().GetAsync(id, CancellationToken.None);
        var run = await RunAsync(project!);
        Assert.NotNull(run);

        _time.Advance(TimeSpan.FromMinutes(3));
        var swept = await _bot.Service<AnnouncementSweep>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(new AnnouncementSweepResult(0, 0), swept);
        Assert.Equal(1, _failing.Calls);
        Assert.Equal(run!.ClaimedAt, (await RunAsync(project!))!.ClaimedAt);
    }

    [Fact]
    public async Task RunOnceAsync_JustOpened_LeavesItToTheTurnWithinTheGrace()
    {
        _failing.FailNext = true;
        var id = await FileAndApproveAsync();
        var project = await _bot.Service<IProjectStore>().GetAsync(id, CancellationToken.None);

        var swept = await _bot.Service<AnnouncementSweep>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(new AnnouncementSweepResult(0, 0), swept);
        Assert.Null(await RunAsync(project!));
    }

    [Fact]
    public async Task RunOnceAsync_ApprovedButNeverOpened_OpensAndAnnouncesOnce()
    {
        var now = _time.GetUtcNow();
        var project = new Project
        {
            Id = Project.NewId(now.Year), Title = "法治宣传进社区", CategoryId = "elderly-children", Organiser = OrganiserType.Branch,
            Origin = ProjectOrigin.Applied, DivisionId = _energy, Start = now.AddDays(5), End = now.AddDays(5).AddHours(3), Place = "金凤区XX社区",
            Capacity = 10, Status = ProjectStatus.Approved, FiledByAadObjectId = _liaison.AadObjectId, FiledByName = "李强", FiledAt = now.AddDays(-2),
            DecidedByAadObjectId = TestUser.Committee.AadObjectId, DecidedByName = "张书记", DecidedAt = now.AddMinutes(-10), UpdatedAt = now.AddMinutes(-10),
        };
        await _bot.Service<IProjectStore>().CreateAsync(project, CancellationToken.None);
        var sweep = _bot.Service<AnnouncementSweep>();

        var first = await sweep.RunOnceAsync(CancellationToken.None);
        var second = await sweep.RunOnceAsync(CancellationToken.None);

        Assert.Equal(new AnnouncementSweepResult(1, 1), first);
        Assert.Equal(new AnnouncementSweepResult(0, 0), second);
        var opened = await _bot.Service<IProjectStore>().GetAsync(project.Id, CancellationToken.None);
        Assert.Equal(ProjectStatus.Open, opened!.Status);
        Assert.NotNull(await RunAsync(opened));
        // The liaison gets the approval notice the review turn never sent, once.
        var calls = await _connector.WaitForAsync(c => c.Any(x => x.Text?.Contains("已获机关党委批准", StringComparison.Ordinal) == true));
        var notice = Assert.Single(calls, x => x.Text?.Contains("已获机关党委批准", StringComparison.Ordinal) == true);
        Assert.Contains("法治宣传进社区", notice.Text, StringComparison.Ordinal);
        Assert.Contains("张书记", notice.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunOnceAsync_OpenedTwoQuartersAgoWithoutRun_StartsNothingAndAnnouncesTheRest()
    {
        var now = _time.GetUtcNow();
        Project Open(string title, DateTimeOffset openedAt) => new()
        {
            Id = Project.NewId(now.Year), Title = title, CategoryId = "elderly-children", Organiser = OrganiserType.Branch,
            Origin = ProjectOrigin.Applied, DivisionId = _energy, Start = now.AddDays(5), End = now.AddDays(5).AddHours(3), Place = "金凤区XX社区",
            Capacity = 10, Status = ProjectStatus.Open, FiledByAadObjectId = _liaison.AadObjectId, FiledByName = "李强", FiledAt = openedAt.AddDays(-2),
            DecidedByAadObjectId = TestUser.Committee.AadObjectId, DecidedByName = "张书记", DecidedAt = openedAt, AnnouncedAt = openedAt, UpdatedAt = openedAt,
        };
        var stale = Open("法治宣传进社区", now.AddDays(-200)); // its run would sit in a quarter nothing resumes or shows
        var recent = Open("敬老院志愿服务", now.AddMinutes(-10));
        await _bot.Service<IProjectStore>().CreateAsync(stale, CancellationToken.None);
        await _bot.Service<IProjectStore>().CreateAsync(recent, CancellationToken.None);

        var swept = await _bot.Service<AnnouncementSweep>().RunOnceAsync(CancellationToken.None);

        Assert.Equal(new AnnouncementSweepResult(0, 1), swept);
        Assert.Null(await RunAsync(stale));
        Assert.NotNull(await RunAsync(recent));
    }

    [Fact]
    public async Task RunOnceAsync_OpenedTwoQuartersAgoAndAnnounced_IsLeftAloneWithoutAnAlarm()
    {
        var now = _time.GetUtcNow();
        var openedAt = now.AddDays(-200); // filed and announced long before a far-off activity: normal
        var project = new Project
        {
            Id = Project.NewId(now.Year), Title = "法治宣传进社区", CategoryId = "elderly-children", Organiser = OrganiserType.Branch,
            Origin = ProjectOrigin.Applied, DivisionId = _energy, Start = now.AddDays(5), End = now.AddDays(5).AddHours(3), Place = "金凤区XX社区",
            Capacity = 10, Status = ProjectStatus.Open, FiledByAadObjectId = _liaison.AadObjectId, FiledByName = "李强", FiledAt = openedAt.AddDays(-2),
            DecidedByAadObjectId = TestUser.Committee.AadObjectId, DecidedByName = "张书记", DecidedAt = openedAt, AnnouncedAt = openedAt, UpdatedAt = openedAt,
        };
        await _bot.Service<IProjectStore>().CreateAsync(project, CancellationToken.None);
        var announcement = await _bot.Service<VolunteerBot.Dialogs.Handlers.Projects.ProjectAnnouncer>().BuildAsync(project, CancellationToken.None);
        var result = new TurnResult();
        announcement.AddTo(result);
        await _bot.Service<IBroadcastDispatcher>().StartAsync(Assert.Single(result.Broadcasts), project.DecidedByAadObjectId, CancellationToken.None);
        var log = new RecordingLogger<AnnouncementSweep>();
        var sweep = ActivatorUtilities.CreateInstance<AnnouncementSweep>(_bot.Services, (Microsoft.Extensions.Logging.ILogger<AnnouncementSweep>)log);

        var swept = await sweep.RunOnceAsync(CancellationToken.None);

        Assert.Equal(new AnnouncementSweepResult(0, 0), swept);
        Assert.DoesNotContain(log.Entries, e => e.EventId == 6044);
    }

    private static readonly TimeZoneInfo Zone = new VolunteerBot.Dialogs.Options.VolunteeringOptions().Zone;

    private Task<ReminderRunRecord?> RunAsync(Project p) =>
        _bot.Service<ReminderRunStore>().GetAsync(ReminderRunIds.Of(Quarter.Of(p.AnnouncedAt!.Value, Zone), "announce-" + p.Id), CancellationToken.None);

    private async Task<string> FileAndApproveAsync()
    {
        var id = await ProjectSeed.FileAsync(_bot, _liaison, _energy, _time.GetUtcNow(), 5);
        try
        {
            await _bot.SendAsync(TestActivities.Invoke(_connector.Url, TestUser.Committee, "project.approve", new { projectId = id }));
        }
        catch (System.Text.Json.JsonException) when (_failing.Calls > 0)
        {
            // The injected failure answers 500 with the development error page, not JSON.
        }

        return id;
    }

    /// <summary>The real starter, except that the next start fails before it claims anything (storage down, process gone).</summary>
    private sealed class FailingBroadcasts
    {
        public bool FailNext { get; set; }

        public int Calls { get; private set; }

        public IBroadcastDispatcher Wrap(IBroadcastDispatcher inner) => new Dispatcher(this, inner);

        private sealed class Dispatcher(FailingBroadcasts owner, IBroadcastDispatcher inner) : IBroadcastDispatcher
        {
            public Task StartAsync(Broadcast broadcast, string? requestedBy, CancellationToken cancellationToken)
            {
                owner.Calls++;
                if (owner.FailNext)
                {
                    owner.FailNext = false;
                    throw new IOException("storage unavailable (injected)");
                }

                return inner.StartAsync(broadcast, requestedBy, cancellationToken);
            }
        }
    }
}

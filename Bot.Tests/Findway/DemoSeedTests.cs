using VolunteerBot.Demo;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Training;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Findway;

/// <summary>The demo department: seeded through the product's stores on Azurite; seeding twice gives the same data.</summary>
public sealed class DemoSeedTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;

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

    private async Task<string> SnapshotAsync()
    {
        var divisions = await _bot.Service<IDivisionStore>().ListAsync(includeArchived: true, _ct);
        var volunteers = await _bot.Service<IVolunteerStore>().ListAllAsync(_ct);
        var projects = await _bot.Service<IProjectStore>().ListByStatusAsync(Enum.GetValues<ProjectStatus>(), _ct);
        var lines = new List<string>();
        lines.AddRange(divisions.Select(d => $"d {d.Name} {string.Join(",", d.LiaisonAadObjectIds.Order())}"));
        lines.AddRange(volunteers.Select(v => $"v {v.AadObjectId} {v.Name} {v.DivisionId}"));
        lines.AddRange((await _bot.Service<IStaffStore>().ListAsync(_ct)).Select(s => $"s {s.AadObjectId} {s.Name} {s.LeftAt}"));
        foreach (var p in projects)
        {
            var signUps = await _bot.Service<ISignUpStore>().ListByProjectAsync(p.Id, _ct);
            lines.Add($"p {p.Id} {p.Title} {p.Status} {p.DeclarationNumber} {string.Join(",", signUps.Select(s => s.VolunteerAadObjectId + ":" + s.Status).Order())}");
        }

        foreach (var v in volunteers)
        {
            var records = await _bot.Service<IServiceRecordStore>().ListByVolunteerAsync(v.AadObjectId, null, _ct);
            lines.AddRange(records.Select(r => $"r {v.AadObjectId} {r.Id} {r.Status} {r.Hours}"));
            var exchanges = await _bot.Service<IServiceRecordStore>().ListExchangesAsync(v.AadObjectId, _ct);
            lines.AddRange(exchanges.Select(x => $"x {v.AadObjectId} {x.Id} {x.Points} {x.Item}"));
            lines.Add($"b {v.AadObjectId} {await _bot.Service<IServiceRecordStore>().GetBalanceAsync(v.AadObjectId, _ct)}");
        }

        var gear = _bot.Service<IGearStore>();
        lines.AddRange((await gear.ListItemsAsync(_ct)).Select(i => $"g {i.Name} {i.Total} {i.Available}"));
        lines.AddRange((await gear.ListOpenAsync(_ct)).Concat(await gear.ListClosedAsync(_ct)).Select(l => $"l {l.Id} {l.Status} {l.RequestedByName} {l.Pieces}"));
        var trainings = await _bot.Service<ITrainingStore>().ListYearAsync(DateTimeOffset.UtcNow.AddHours(8).Year, _ct);
        lines.AddRange(trainings.Select(t => $"t {t.Id} {t.Attendees.Count}"));

        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Seed_Twice_GivesTheSameDepartment()
    {
        var seeder = _bot.Service<DemoSeeder>();

        await seeder.SeedAsync(_ct);
        var first = await SnapshotAsync();
        await seeder.SeedAsync(_ct);
        var second = await SnapshotAsync();

        Assert.Equal(first, second);
        var divisions = await _bot.Service<IDivisionStore>().ListAsync(includeArchived: false, _ct);
        Assert.Equal(5, divisions.Count);
        Assert.All(divisions, d => Assert.NotEmpty(d.LiaisonAadObjectIds));
        var volunteersAfter = await _bot.Service<IVolunteerStore>().ListAllAsync(_ct);
        Assert.InRange(volunteersAfter.Count, 35, 45);
        var projects = await _bot.Service<IProjectStore>().ListByStatusAsync(Enum.GetValues<ProjectStatus>(), _ct);
        foreach (var status in new[] { ProjectStatus.Filed, ProjectStatus.Returned, ProjectStatus.Approved, ProjectStatus.Open, ProjectStatus.Archived })
        {
            Assert.Contains(projects, p => p.Status == status);
        }

        Assert.Contains(projects, p => p.StatusAt(DateTimeOffset.UtcNow) == ProjectStatus.InProgress);
        Assert.Contains(projects, p => p.StatusAt(DateTimeOffset.UtcNow) == ProjectStatus.Completed);
        var full = projects.Single(p => p.Title == "垃圾分类宣传进社区");
        var counts = await _bot.Service<ISignUpStore>().CountAsync(full.Id, _ct);
        Assert.Equal(full.Capacity, counts.Confirmed);
        Assert.True(counts.Waitlisted > 0);
        Assert.Contains("r ", first, StringComparison.Ordinal);
        Assert.Contains(" Pending ", first, StringComparison.Ordinal);
        Assert.Contains(projects, p => p.Status == ProjectStatus.Approved && p.DeclarationNumber is null);
        Assert.Contains(projects, p => p.Status == ProjectStatus.Approved && p.DeclarationNumber is not null);
        Assert.Contains(projects, p => p.Organiser == OrganiserType.Branch);
        Assert.Contains(projects, p => p.Organiser == OrganiserType.Centralised);

        // Points and an exchange; gear on loan with exactly one overdue, and one returned.
        var wang = (await _bot.Service<IVolunteerStore>().ListAllAsync(_ct)).Single(v => v.Name == "王芳");
        var exchange = Assert.Single(await _bot.Service<IServiceRecordStore>().ListExchangesAsync(wang.AadObjectId, _ct));
        Assert.True((await _bot.Service<IServiceRecordStore>().GetBalanceAsync(wang.AadObjectId, _ct)).Balance > 0);
        Assert.Contains(await _bot.Service<IPointsLedgerStore>().ListYearAsync(DateTimeOffset.UtcNow.AddHours(8).Year, _ct), e => e.Exchange.Id == exchange.Id);
        var reader = _bot.Service<IGearReader>();
        var open = await _bot.Service<IGearStore>().ListOpenAsync(_ct);
        Assert.Equal(2, open.Count(l => l.IsOut));
        Assert.Single(await _bot.Service<IGearStore>().ListClosedAsync(_ct), l => l.Status == GearLoanStatus.Returned);
        var outstanding = await reader.ListOutstandingAsync(null, _ct);
        Assert.Equal(2, outstanding.Count);
        Assert.Single(outstanding, g => g.IsOverdue);
        var items = await _bot.Service<IGearStore>().ListItemsAsync(_ct);
        Assert.All(items, i => Assert.Equal(i.Total - open.SelectMany(l => l.Lines).Where(x => x.ItemId == i.Id).Sum(x => x.Quantity), i.Available));
        Assert.Contains("t ", first, StringComparison.Ordinal);
        Assert.Contains(await _bot.Service<IFeedbackStore>().ListByVolunteerAsync(wang.AadObjectId, _ct), f => f.Reply is not null);

        // The roster (46 staff, registered or not), the Playground's six registered, and a featured project.
        Assert.Equal(46, (await _bot.Service<IStaffStore>().ListAsync(_ct)).Count);
        Assert.All(DemoSeeder.Playground, p => Assert.Contains(volunteersAfter, v => v.AadObjectId == p.Aad));
        var leaveRequests = await _bot.Service<VolunteerBot.Dialogs.Domain.Audit.IAuditTrail>().ListAsync(VolunteerBot.Dialogs.Domain.Privacy.PrivacyAudit.EraseRequested, 50, _ct);
        Assert.Single(leaveRequests);
        Assert.Single(await _bot.Service<VolunteerBot.Dialogs.Domain.Honours.IHonourStore>().ListFeaturedAsync(DateTimeOffset.UtcNow.AddHours(8).Year, _ct));
    }
}

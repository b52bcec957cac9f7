using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Projects;

/// <summary>The IProjectStore contract, run against the in-memory fake and the Table Storage implementation on Azurite.</summary>
public abstract class ProjectStoreContractTests : IAsyncLifetime
{
    private IProjectStore _store = null!;

    protected FakeTimeProvider Time { get; } = new(ProjectSamples.Local(2025, 5, 10));

    protected abstract Task<IProjectStore> CreateAsync();

    public async Task InitializeAsync() => _store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task CreateThenGet_RoundTripsEveryField()
    {
        var project = ProjectSamples.Make(ProjectSamples.Local(2025, 6, 7), joint: ["d-law"]) with
        {
            Returns = [new ReturnNote("c1", "张书记", ProjectSamples.Local(2025, 5, 1), "请补充活动地点")],
            Responses = [new DivisionResponse("d-law", DivisionResponseKind.Accepted, "l2", "王芳", ProjectSamples.Local(2025, 5, 2), "同意")],
            DeclarationNumber = "NX-2025-001",
        };

        await _store.CreateAsync(project, CancellationToken.None);
        var read = await _store.GetAsync(project.Id, CancellationToken.None);

        Assert.NotNull(read);
        Assert.Equal(project.Title, read.Title);
        Assert.Equal(project.Start, read.Start);
        Assert.Equal(["d-law"], read.JointDivisionIds);
        Assert.Equal("请补充活动地点", Assert.Single(read.Returns).Reason);
        Assert.Equal(DivisionResponseKind.Accepted, Assert.Single(read.Responses).Kind);
        Assert.Equal("NX-2025-001", read.DeclarationNumber);
        Assert.Equal(OrganiserType.Branch, read.Organiser);
        Assert.True(read.IsIndustrySpecific);
    }

    [Fact]
    public async Task Get_UnknownOrMalformedId_ReturnsNull()
    {
        Assert.Null(await _store.GetAsync("2025-00000000", CancellationToken.None));
        Assert.Null(await _store.GetAsync("nonsense", CancellationToken.None));
    }

    [Fact]
    public async Task Update_NoChange_WritesNothingAndReportsUnchanged()
    {
        var project = ProjectSamples.Make(ProjectSamples.Local(2025, 6, 7));
        await _store.CreateAsync(project, CancellationToken.None);

        var update = await _store.UpdateAsync(project.Id, p => p, CancellationToken.None);

        Assert.False(update.Changed);
    }

    [Fact]
    public async Task Update_ParallelWriters_NoLostUpdates()
    {
        var project = ProjectSamples.Make(ProjectSamples.Local(2025, 6, 7));
        await _store.CreateAsync(project, CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _store.UpdateAsync(project.Id,
            p => p with { Returns = [.. p.Returns, new ReturnNote("c", "c", ProjectSamples.Local(2025, 5, 1), "r" + i)] }, CancellationToken.None)));

        var read = await _store.GetAsync(project.Id, CancellationToken.None);
        Assert.Equal(20, read!.Returns.Select(r => r.Reason).Distinct().Count());
    }

    [Fact]
    public async Task ListByStatus_ReturnsOnlyThoseStatuses_FromThisAndLastYear()
    {
        var filed = ProjectSamples.Make(ProjectSamples.Local(2025, 6, 7), ProjectStatus.Filed);
        var open = ProjectSamples.Make(ProjectSamples.Local(2025, 6, 8), ProjectStatus.Open);
        var lastYear = ProjectSamples.Make(ProjectSamples.Local(2025, 1, 8), ProjectStatus.Filed, filedAt: ProjectSamples.Local(2024, 12, 20));
        foreach (var p in new[] { filed, open, lastYear })
        {
            await _store.CreateAsync(p, CancellationToken.None);
        }

        var pending = await _store.ListByStatusAsync([ProjectStatus.Filed], CancellationToken.None);

        Assert.Equal([lastYear.Id, filed.Id], pending.Select(p => p.Id));
    }

    [Fact]
    public async Task ListStarting_QuarterCrossingYears_FindsProjectFiledTheYearBefore()
    {
        var q1 = ProjectSamples.Make(ProjectSamples.Local(2025, 1, 8), ProjectStatus.Open, filedAt: ProjectSamples.Local(2024, 12, 20));
        var q2 = ProjectSamples.Make(ProjectSamples.Local(2025, 4, 1, 0, 0), ProjectStatus.Open);
        await _store.CreateAsync(q1, CancellationToken.None);
        await _store.CreateAsync(q2, CancellationToken.None);
        var quarter = new Quarter(2025, 1);

        var inQ1 = await _store.ListStartingAsync(quarter.StartIn(ProjectSamples.Zone), quarter.EndIn(ProjectSamples.Zone), CancellationToken.None);

        Assert.Equal([q1.Id], inQ1.Select(p => p.Id));
    }

    [Fact]
    public async Task ListByDivision_FindsLeadAndJointProjects()
    {
        var lead = ProjectSamples.Make(ProjectSamples.Local(2025, 6, 7), division: "d-a");
        var joint = ProjectSamples.Make(ProjectSamples.Local(2025, 6, 8), division: "d-b", joint: ["d-a"]);
        var other = ProjectSamples.Make(ProjectSamples.Local(2025, 6, 9), division: "d-c");
        foreach (var p in new[] { lead, joint, other })
        {
            await _store.CreateAsync(p, CancellationToken.None);
        }

        var mine = await _store.ListByDivisionAsync("d-a", CancellationToken.None);

        Assert.Equal(new[] { lead.Id, joint.Id }.Order(), mine.Select(p => p.Id).Order());
    }
}

public sealed class MemoryProjectStoreContractTests : ProjectStoreContractTests
{
    protected override Task<IProjectStore> CreateAsync() => Task.FromResult<IProjectStore>(new MemoryProjectStore(Time, ProjectSamples.Zone));
}

public sealed class TableProjectStoreContractTests : ProjectStoreContractTests
{
    protected override async Task<IProjectStore> CreateAsync() => new ProjectTableStore(await TestStorage.CreateAccountAsync(), Time, ProjectSamples.Options());
}

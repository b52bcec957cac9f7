using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Storage.Rules;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Rules;

/// <summary>The IAuditTrail contract; runs against the in-memory fake and the Table Storage store on Azurite.</summary>
public abstract class AuditTrailContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 9, 1, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly CancellationToken _ct = CancellationToken.None;

    protected IAuditTrail Trail { get; private set; } = null!;

    protected abstract Task<IAuditTrail> CreateAsync();

    public async Task InitializeAsync() => Trail = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static AuditEvent Event(string action, int minutes, string target = "v-1") =>
        new(At.AddMinutes(minutes), "c-1", "张书记", action, target, "理由：" + minutes);

    [Fact]
    public async Task List_Family_NewestFirstAtMostMax()
    {
        await Trail.AddAsync(Event(AuditActions.LiaisonAppointed, 1), _ct);
        await Trail.AddAsync(Event(AuditActions.LiaisonRemoved, 3), _ct);
        await Trail.AddAsync(Event(AuditActions.LiaisonAppointed, 2), _ct);
        await Trail.AddAsync(Event(AuditActions.CommitteeAdded, 4), _ct);

        var liaison = await Trail.ListAsync("liaison", 10, _ct);
        var newestTwo = await Trail.ListAsync("liaison", 2, _ct);

        Assert.Equal([Event(AuditActions.LiaisonRemoved, 3), Event(AuditActions.LiaisonAppointed, 2), Event(AuditActions.LiaisonAppointed, 1)], liaison);
        Assert.Equal([3, 2], newestTwo.Select(e => (int)(e.At - At).TotalMinutes));
        Assert.Single(await Trail.ListAsync("committee", 10, _ct));
        Assert.Empty(await Trail.ListAsync("points", 10, _ct));
    }

    [Fact]
    public async Task List_FullActionAsPrefix_OnlyThatAction()
    {
        await Trail.AddAsync(Event(AuditActions.HonourNamed, 1), _ct);
        await Trail.AddAsync(Event(AuditActions.HonourUnnamed, 2), _ct);
        await Trail.AddAsync(Event(AuditActions.ProjectFeatured, 3), _ct);

        var named = await Trail.ListAsync(AuditActions.HonourNamed, 10, _ct);

        Assert.Equal([AuditActions.HonourNamed], named.Select(e => e.Action));
        Assert.Equal(3, (await Trail.ListAsync("honours", 10, _ct)).Count);
    }

    [Fact]
    public async Task Add_SameEventTwice_BothKept()
    {
        await Trail.AddAsync(Event(AuditActions.CommitteeAdded, 1), _ct);
        await Trail.AddAsync(Event(AuditActions.CommitteeAdded, 1), _ct);

        Assert.Equal(2, (await Trail.ListAsync("committee", 10, _ct)).Count);
    }
}

public sealed class MemoryAuditTrailContractTests : AuditTrailContractTests
{
    protected override Task<IAuditTrail> CreateAsync() => Task.FromResult<IAuditTrail>(new MemoryAuditTrail());
}

public sealed class TableAuditTrailContractTests : AuditTrailContractTests
{
    protected override async Task<IAuditTrail> CreateAsync() => new AuditTrailTableStore(await TestStorage.CreateAccountAsync());
}

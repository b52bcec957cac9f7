using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Storage.Rules;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Gear;

/// <summary>The IGearNudgeClaims contract; runs against the in-memory fake and the Table Storage store on Azurite.</summary>
public abstract class GearNudgeClaimsContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 5, 14, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly CancellationToken _ct = CancellationToken.None;

    protected IGearNudgeClaims Claims { get; private set; } = null!;

    protected abstract Task<IGearNudgeClaims> CreateAsync();

    public async Task InitializeAsync() => Claims = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryClaim_SameLoanAndStageTwice_OnlyFirst()
    {
        var stage = GearOverdue.StageKey(GearNudgeStage.Holder, new DateOnly(2025, 5, 13));

        Assert.True(await Claims.TryClaimAsync("loan-1", stage, At, _ct));
        Assert.False(await Claims.TryClaimAsync("loan-1", stage, At.AddHours(1), _ct));
        Assert.True(await Claims.TryClaimAsync("loan-2", stage, At, _ct));
        Assert.True(await Claims.TryClaimAsync("loan-1", GearOverdue.StageKey(GearNudgeStage.Liaison, new DateOnly(2025, 5, 13)), At, _ct));
        Assert.True(await Claims.TryClaimAsync("loan-1", GearOverdue.StageKey(GearNudgeStage.Holder, new DateOnly(2025, 5, 20)), At, _ct));
    }

    [Fact]
    public async Task TryClaim_TenInParallel_ExactlyOneWins()
    {
        var stage = GearOverdue.StageKey(GearNudgeStage.Holder, new DateOnly(2025, 5, 13));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => Claims.TryClaimAsync("loan-p", stage, At, _ct))));

        Assert.Single(results, r => r);
    }
}

public sealed class MemoryGearNudgeClaimsContractTests : GearNudgeClaimsContractTests
{
    protected override Task<IGearNudgeClaims> CreateAsync() => Task.FromResult<IGearNudgeClaims>(new MemoryGearNudgeClaims());
}

public sealed class TableGearNudgeClaimsContractTests : GearNudgeClaimsContractTests
{
    protected override async Task<IGearNudgeClaims> CreateAsync() => new GearNudgeClaimTableStore(await TestStorage.CreateAccountAsync());
}

using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Rules;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Rules;

/// <summary>The IPointsRulesStore and IPointsLedgerStore contracts, run against the in-memory fakes and the Table Storage implementations on Azurite.</summary>
public abstract class PointsStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly CancellationToken _ct = CancellationToken.None;

    protected IPointsRulesStore Rules { get; private set; } = null!;

    protected IPointsLedgerStore Ledger { get; private set; } = null!;

    protected abstract Task<(IPointsRulesStore Rules, IPointsLedgerStore Ledger)> CreateAsync();

    public async Task InitializeAsync() => (Rules, Ledger) = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Rules_NoneSavedThenSavedTwice_DefaultsThenLatest()
    {
        Assert.Equal(PointsRules.Default, await Rules.GetAsync(_ct));
        var first = PointsRules.Default with { PointsPerHour = 12m, ChangedByAadObjectId = "c1", ChangedByName = "张书记", ChangedAt = At };
        var second = first with { PoorFactor = 0.5m, ChangedAt = At.AddDays(1) };

        await Rules.SaveAsync(first, _ct);
        await Rules.SaveAsync(second, _ct);

        Assert.Equal(second, await Rules.GetAsync(_ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Rules.SaveAsync(second with { ChangedAt = null }, _ct));
    }

    [Fact]
    public async Task Ledger_SameExchangeTwiceAndOtherYear_OncePerYearNewestFirst()
    {
        LedgerEntry Entry(string id, int minutes) => new(new PointsExchange(id, "v1", 30, "保温杯", "c1", "张书记", At.AddMinutes(minutes)), "王芳");

        await Ledger.RecordAsync(2026, Entry("x1", 1), _ct);
        await Ledger.RecordAsync(2026, Entry("x2", 2), _ct);
        await Ledger.RecordAsync(2026, Entry("x1", 1), _ct);
        await Ledger.RecordAsync(2025, Entry("x0", 0), _ct);

        var year = await Ledger.ListYearAsync(2026, _ct);

        Assert.Equal(["x2", "x1"], year.Select(l => l.Exchange.Id));
        Assert.Equal(Entry("x1", 1), year[1]);
        Assert.Single(await Ledger.ListYearAsync(2025, _ct));
    }
}

public sealed class MemoryPointsStoreContractTests : PointsStoreContractTests
{
    protected override Task<(IPointsRulesStore Rules, IPointsLedgerStore Ledger)> CreateAsync() =>
        Task.FromResult<(IPointsRulesStore, IPointsLedgerStore)>((new MemoryPointsRulesStore(), new MemoryPointsLedgerStore()));
}

public sealed class TablePointsStoreContractTests : PointsStoreContractTests
{
    protected override async Task<(IPointsRulesStore Rules, IPointsLedgerStore Ledger)> CreateAsync()
    {
        var account = await TestStorage.CreateAccountAsync();
        return (new PointsRulesTableStore(account), new PointsLedgerTableStore(account));
    }
}

using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Hours;

/// <summary>The IServiceRecordConfirmationStore contract, run against the in-memory fake and the Table Storage implementation on Azurite.</summary>
public abstract class ServiceRecordConfirmationStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Liaison = new("l1", "李强");
    private readonly CancellationToken _ct = CancellationToken.None;
    private IServiceRecordConfirmationStore _store = null!;

    protected abstract Task<IServiceRecordConfirmationStore> CreateAsync();

    public async Task InitializeAsync() => _store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Claims_CardAndNudge_EachOnlyOnceAndKeptApart()
    {
        Assert.Equal(new ActivityConfirmation("2025-p1", null, null, null, null), await _store.GetAsync("2025-p1", _ct));

        var cards = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => _store.TryClaimCardAsync("2025-p1", At.AddMinutes(i), _ct)));
        var nudge = await _store.TryClaimNudgeAsync("2025-p1", At.AddDays(8), _ct);
        var nudgeAgain = await _store.TryClaimNudgeAsync("2025-p1", At.AddDays(9), _ct);
        await _store.MarkConfirmedAsync("2025-p1", Liaison, At.AddDays(10), _ct);

        Assert.Single(cards, c => c);
        Assert.True(nudge);
        Assert.False(nudgeAgain);
        var state = await _store.GetAsync("2025-p1", _ct);
        Assert.NotNull(state.CardSentAt);
        Assert.Equal((At.AddDays(8), At.AddDays(10), "李强"), (state.NudgedAt!.Value, state.ConfirmedAt!.Value, state.ConfirmedByName));
        Assert.Null((await _store.GetAsync("2025-p2", _ct)).CardSentAt);
    }

    [Fact]
    public async Task MarkDecided_PagesAndRepeats_UnionWithoutDuplicates()
    {
        var first = Enumerable.Range(0, 130).Select(i => "v" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        await _store.MarkDecidedAsync("2025-p3", first, Liaison, At, _ct);
        await _store.MarkDecidedAsync("2025-p3", ["v000", "v999"], Liaison, At.AddMinutes(1), _ct);

        var decided = await _store.ListDecidedAsync("2025-p3", _ct);
        Assert.Equal(131, decided.Count);
        Assert.Contains("V999", decided); // ids compare without case
        Assert.Empty(await _store.ListDecidedAsync("2025-p4", _ct));
        Assert.Null((await _store.GetAsync("2025-p3", _ct)).ConfirmedAt); // decided lines are not the confirmation
    }
}

public sealed class MemoryServiceRecordConfirmationStoreContractTests : ServiceRecordConfirmationStoreContractTests
{
    protected override Task<IServiceRecordConfirmationStore> CreateAsync() => Task.FromResult<IServiceRecordConfirmationStore>(new MemoryServiceRecordConfirmationStore());
}

public sealed class TableServiceRecordConfirmationStoreContractTests : ServiceRecordConfirmationStoreContractTests
{
    protected override async Task<IServiceRecordConfirmationStore> CreateAsync() => new ServiceRecordConfirmationTableStore(await TestStorage.CreateAccountAsync());
}

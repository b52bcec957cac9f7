using VolunteerBot.Dialogs.Handlers.Gear;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Gear;

/// <summary>The IGearStore contract on the in-memory fake and on Azurite: arithmetic under concurrency, the loan lifecycle and overdue detection.</summary>
public abstract class GearStoreContractTests : IAsyncLifetime
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private readonly DateTimeOffset _at = new(2025, 5, 6, 9, 0, 0, China);
    private readonly CancellationToken _ct = CancellationToken.None;
    private IGearStore _store = null!;

    protected abstract Task<IGearStore> CreateAsync();

    public async Task InitializeAsync() => _store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static GearLoan Loan(string itemId, int quantity, string? id = null, string division = "d1", DateTimeOffset? end = null) => new()
    {
        Id = id ?? GearLoan.NewId(), ProjectId = "2025-0000abcd", ProjectTitle = "文明交通志愿服务",
        ActivityEnd = end ?? new DateTimeOffset(2025, 5, 10, 15, 0, 0, China), DivisionId = division,
        Lines = [new GearLine(itemId, "马甲", quantity)], Status = GearLoanStatus.Requested,
        RequestedByAadObjectId = "liaison-" + Guid.NewGuid().ToString("N")[..6], RequestedByName = "李强", RequestedAt = new DateTimeOffset(2025, 5, 6, 9, 0, 0, China),
    };

    private async Task<GearItem> ItemAsync(string name, int total) => (await _store.AddItemAsync(name, total, _at, _ct)).Item!;

    [Fact]
    public async Task RequestAsync_EightLiaisonsForTheLastVest_OnlyOneGetsIt()
    {
        var vest = await ItemAsync("马甲", 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => _store.RequestAsync(Loan(vest.Id, 1), _ct))));

        Assert.Single(results, r => r.Succeeded);
        Assert.Equal(7, results.Count(r => r.Error == GearError.Insufficient && r.ItemId == vest.Id));
        var after = await _store.GetItemAsync(vest.Id, _ct);
        Assert.Equal(0, after!.Available);
        Assert.Equal(1, after.Total);
        Assert.Single(await _store.ListOpenAsync(_ct));
    }

    [Fact]
    public async Task RequestAsync_ParallelRequestsForMany_CountsAddUpAndNeverGoNegative()
    {
        var flag = await ItemAsync("旗帜", 20);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => _store.RequestAsync(Loan(flag.Id, 3), _ct))));

        Assert.Equal(6, results.Count(r => r.Succeeded));
        var after = await _store.GetItemAsync(flag.Id, _ct);
        Assert.Equal(2, after!.Available);
        Assert.Equal(18, after.Out);
    }

    [Fact]
    public async Task RequestAsync_SameLoanTwice_ReservesOnce()
    {
        var cap = await ItemAsync("帽子", 10);
        var loan = Loan(cap.Id, 4);

        var first = await _store.RequestAsync(loan, _ct);
        var second = await _store.RequestAsync(loan, _ct);

        Assert.Null(first.Before);
        Assert.NotNull(second.Before);
        Assert.Equal(6, (await _store.GetItemAsync(cap.Id, _ct))!.Available);
    }

    [Fact]
    public async Task Lifecycle_HandOverReturnReceiveWithLosses_ClosesLoanAndReducesTotal()
    {
        var vest = await ItemAsync("马甲", 20);
        var loan = (await _store.RequestAsync(Loan(vest.Id, 5), _ct)).After!;

        var handed = await _store.UpdateLoanAsync(loan.Id, l => GearRules.HandOver(l, "c1", "张书记", _at.AddDays(1)), _ct);
        var handedAgain = await _store.UpdateLoanAsync(loan.Id, l => GearRules.HandOver(l, "c1", "张书记", _at.AddDays(1)), _ct);
        var reported = await _store.UpdateLoanAsync(loan.Id, l => GearRules.ReportReturn(l, loan.RequestedByAadObjectId, "李强", _at.AddDays(5)), _ct);
        var losses = new Dictionary<string, (int, int)> { [vest.Id] = (1, 1) };
        var received = await _store.UpdateLoanAsync(loan.Id, l => GearRules.Receive(l, losses, "c1", "张书记", "一件丢失", _at.AddDays(6)), _ct);
        var receivedAgain = await _store.UpdateLoanAsync(loan.Id, l => GearRules.Receive(l, losses, "c1", "张书记", null, _at.AddDays(6)), _ct);

        Assert.True(handed.Changed);
        Assert.False(handedAgain.Changed);
        Assert.Equal(GearLoanStatus.ReturnReported, reported.After!.Status);
        Assert.Equal(GearLoanStatus.Returned, received.After!.Status);
        Assert.False(receivedAgain.Changed);
        var item = await _store.GetItemAsync(vest.Id, _ct);
        Assert.Equal(18, item!.Total);
        Assert.Equal(18, item.Available);
        Assert.Empty(await _store.ListOpenAsync(_ct));
        var closed = await _store.GetLoanAsync(loan.Id, _ct);
        Assert.Equal(new GearLine(vest.Id, "马甲", 5, 3, 1, 1), closed!.Lines[0]);
        Assert.Equal("一件丢失", closed.ClosingNote);
    }

    [Fact]
    public async Task UpdateLoan_ReturnBeforeHandOverAndTooManyLost_AreRefusedAndChangeNothing()
    {
        var vest = await ItemAsync("马甲", 5);
        var loan = (await _store.RequestAsync(Loan(vest.Id, 2), _ct)).After!;

        var early = await _store.UpdateLoanAsync(loan.Id, l => GearRules.ReportReturn(l, "x", "x", _at), _ct);
        await _store.UpdateLoanAsync(loan.Id, l => GearRules.HandOver(l, "c1", "张书记", _at), _ct);
        var tooMany = await _store.UpdateLoanAsync(loan.Id, l => GearRules.Receive(l, new Dictionary<string, (int, int)> { [vest.Id] = (2, 1) }, "c1", "张书记", null, _at), _ct);

        Assert.Equal(GearError.WrongState, early.Error);
        Assert.Equal(GearError.CountMismatch, tooMany.Error);
        Assert.Equal(3, (await _store.GetItemAsync(vest.Id, _ct))!.Available);
    }

    [Fact]
    public async Task Decline_ReleasesTheReservation()
    {
        var vest = await ItemAsync("马甲", 3);
        var loan = (await _store.RequestAsync(Loan(vest.Id, 3), _ct)).After!;

        var declined = await _store.UpdateLoanAsync(loan.Id, l => GearRules.Release(l, true, "c1", "张书记", null, _at), _ct);
        var handAfter = await _store.UpdateLoanAsync(loan.Id, l => GearRules.HandOver(l, "c1", "张书记", _at), _ct);

        Assert.Equal(GearLoanStatus.Declined, declined.After!.Status);
        Assert.Equal(GearError.WrongState, handAfter.Error);
        Assert.Equal(3, (await _store.GetItemAsync(vest.Id, _ct))!.Available);
    }

    [Fact]
    public async Task SetTotal_BelowWhatIsOut_IsRefused_AboveKeepsOutFixed()
    {
        var vest = await ItemAsync("马甲", 10);
        await _store.RequestAsync(Loan(vest.Id, 6), _ct);

        var below = await _store.SetTotalAsync(vest.Id, 5, _at, _ct);
        var above = await _store.SetTotalAsync(vest.Id, 15, _at, _ct);

        Assert.Equal(GearItemError.BelowOut, below.Error);
        Assert.Equal(15, above.Item!.Total);
        Assert.Equal(9, above.Item.Available);
        Assert.Equal(GearItemError.NameTaken, (await _store.AddItemAsync(" 马甲 ", 1, _at, _ct)).Error);
    }

    [Fact]
    public async Task ListOutstanding_AfterTheAllowedDays_FlagsOverdueUntilReported()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 5, 13, 23, 0, 0, China));
        var reader = new GearReader(_store, Options.Create(new GearOptions { ReturnWithinDays = 3 }), Options.Create(new VolunteeringOptions()), time);
        var vest = await ItemAsync("马甲", 10);
        var mine = (await _store.RequestAsync(Loan(vest.Id, 2, division: "d1"), _ct)).After!;
        var other = (await _store.RequestAsync(Loan(vest.Id, 1, division: "d2"), _ct)).After!;
        await _store.RequestAsync(Loan(vest.Id, 1, division: "d1"), _ct); // requested only: not out
        await _store.UpdateLoanAsync(mine.Id, l => GearRules.HandOver(l, "c1", "张书记", _at), _ct);
        await _store.UpdateLoanAsync(other.Id, l => GearRules.HandOver(l, "c1", "张书记", _at), _ct);

        var onDueDay = await reader.ListOutstandingAsync("d1", _ct);
        time.Advance(TimeSpan.FromHours(1.5)); // 2025-05-14 00:30 in Shanghai
        var dayAfter = await reader.ListOutstandingAsync("d1", _ct);
        var all = await reader.ListOutstandingAsync(null, _ct);
        await _store.UpdateLoanAsync(mine.Id, l => GearRules.ReportReturn(l, "x", "李强", time.GetUtcNow()), _ct);
        var reported = await reader.ListOutstandingAsync("d1", _ct);

        var due = Assert.Single(onDueDay);
        Assert.Equal(new DateOnly(2025, 5, 13), due.DueOn);
        Assert.False(due.IsOverdue);
        Assert.True(Assert.Single(dayAfter).IsOverdue);
        Assert.Equal(2, all.Count);
        var awaiting = Assert.Single(reported);
        Assert.False(awaiting.IsOverdue);
        Assert.True(awaiting.AwaitingReceipt);
    }

    [Fact]
    public async Task Missing_ItemOrLoan_NullOrNotFoundAndNothingStored()
    {
        Assert.Null(await _store.GetItemAsync("g-missing", _ct));
        Assert.Null(await _store.GetLoanAsync("loan-missing", _ct));
        Assert.Equal(GearItemError.NotFound, (await _store.SetTotalAsync("g-missing", 3, _at, _ct)).Error);
        Assert.Equal(GearError.NotFound, (await _store.UpdateLoanAsync("loan-missing", l => GearRules.HandOver(l, "c1", "张书记", _at), _ct)).Error);

        var unknownItem = await _store.RequestAsync(Loan("g-missing", 1), _ct);

        Assert.Equal(GearError.Insufficient, unknownItem.Error);
        Assert.Equal("g-missing", unknownItem.ItemId);
        Assert.Empty(await _store.ListOpenAsync(_ct));
        Assert.Empty(await _store.ListItemsAsync(_ct));
    }

    [Fact]
    public async Task ListItemsAndClosed_InNameAndRequestOrder_OpenLoansNotClosed()
    {
        var flag = await ItemAsync("旗帜", 5);
        var cap = await ItemAsync("帽子", 5);
        var vest = await ItemAsync("马甲", 5);
        var late = (await _store.RequestAsync(Loan(flag.Id, 1) with { RequestedAt = _at.AddHours(2) }, _ct)).After!;
        var early = (await _store.RequestAsync(Loan(cap.Id, 1) with { RequestedAt = _at.AddHours(1) }, _ct)).After!;
        var open = (await _store.RequestAsync(Loan(vest.Id, 1) with { RequestedAt = _at }, _ct)).After!;

        var cancelled = await _store.UpdateLoanAsync(late.Id, l => GearRules.Release(l, false, l.RequestedByAadObjectId, "李强", " 活动取消 ", _at.AddHours(3)), _ct);
        await _store.UpdateLoanAsync(early.Id, l => GearRules.Release(l, true, "c1", "张书记", null, _at.AddHours(4)), _ct);

        Assert.Equal(GearLoanStatus.Cancelled, cancelled.After!.Status);
        Assert.Equal("活动取消", (await _store.GetLoanAsync(late.Id, _ct))!.ClosingNote);
        Assert.Equal(new[] { "旗帜", "帽子", "马甲" }.Order(StringComparer.Ordinal), (await _store.ListItemsAsync(_ct)).Select(i => i.Name));
        Assert.Equal([early.Id, late.Id], (await _store.ListClosedAsync(_ct)).Select(l => l.Id));
        Assert.Equal([open.Id], (await _store.ListOpenAsync(_ct)).Select(l => l.Id));
        Assert.Equal(5, (await _store.GetItemAsync(flag.Id, _ct))!.Available);
        Assert.Equal(5, (await _store.GetItemAsync(cap.Id, _ct))!.Available);
    }

    [Fact]
    public async Task UpdateLoan_HandedOverBetweenReadAndWrite_RuleRunsAgainAndCancelIsRefused()
    {
        var vest = await ItemAsync("马甲", 5);
        var loan = (await _store.RequestAsync(Loan(vest.Id, 2), _ct)).After!;
        var seen = new List<GearLoanStatus>();

        var cancel = await _store.UpdateLoanAsync(loan.Id, l =>
        {
            seen.Add(l.Status);
            if (seen.Count == 1)
            {
                // The committee hands the vests over after the liaison's cancel read the loan (the committee wins the race).
                _store.UpdateLoanAsync(loan.Id, x => GearRules.HandOver(x, "c1", "张书记", _at), _ct).GetAwaiter().GetResult();
            }

            return GearRules.Release(l, false, l.RequestedByAadObjectId, "李强", null, _at);
        }, _ct);

        Assert.Equal([GearLoanStatus.Requested, GearLoanStatus.HandedOver], seen);
        Assert.Equal(GearError.WrongState, cancel.Error);
        Assert.Equal(GearLoanStatus.HandedOver, (await _store.GetLoanAsync(loan.Id, _ct))!.Status);
        Assert.Equal(3, (await _store.GetItemAsync(vest.Id, _ct))!.Available);
        Assert.Single(await _store.ListOpenAsync(_ct));
        Assert.Empty(await _store.ListClosedAsync(_ct));
    }
}

public sealed class MemoryGearStoreContractTests : GearStoreContractTests
{
    protected override Task<IGearStore> CreateAsync() => Task.FromResult<IGearStore>(new MemoryGearStore());
}

public sealed class TableGearStoreContractTests : GearStoreContractTests
{
    protected override async Task<IGearStore> CreateAsync() => new GearTableStore(await TestStorage.CreateAccountAsync());
}

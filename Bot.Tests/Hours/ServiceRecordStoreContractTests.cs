using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Hours;

/// <summary>The IServiceRecordStore contract, on the in-memory fake and on Azurite: totals move with records; audit; idempotency; exchanges.</summary>
public abstract class ServiceRecordStoreContractTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private IServiceRecordStore _store = null!;
    private static readonly Actor Liaison = new("liaison-1", "李强");
    private static readonly DateTimeOffset At = new(2025, 3, 8, 12, 0, 0, TimeSpan.FromHours(8));

    protected abstract Task<IServiceRecordStore> CreateAsync();

    public async Task InitializeAsync() => _store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static ServiceRecord Draft(string volunteer, DateOnly date, string project, decimal hours) =>
        HoursArithmeticTests.Record(date, project, hours, RecordStatus.Pending) with { VolunteerAadObjectId = volunteer, LoggedByAadObjectId = volunteer };

    [Fact]
    public async Task ApplyAsync_LogConfirmCorrectReject_BalanceYearAndAuditStayConsistent()
    {
        var v = Guid.NewGuid().ToString();
        var draft = Draft(v, new DateOnly(2025, 3, 8), "2025-aaaa0001", 3m);
        var id = draft.Id;

        await _store.ApplyAsync(v, id, b => RecordRules.Log(b, draft, At), _ct);
        await _store.ApplyAsync(v, id, b => RecordRules.Confirm(b!, 3m, ServiceQuality.Good, PointsRules.Default, Liaison, At), _ct);
        Assert.Equal(36, (await _store.GetBalanceAsync(v, _ct)).Balance);
        await _store.ApplyAsync(v, id, b => RecordRules.Confirm(b!, 2.5m, ServiceQuality.Fair, PointsRules.Default, Liaison, At), _ct);
        Assert.Equal(25, (await _store.GetBalanceAsync(v, _ct)).Balance);
        var year = Assert.Single(await _store.ListYearAsync(2025, _ct), y => y.VolunteerAadObjectId == v);
        Assert.Equal(2.5m, year.Hours);
        Assert.Equal(25, year.Points);
        Assert.Equal(2.5m, year.HoursByDivision["d1"]);

        await _store.ApplyAsync(v, id, b => RecordRules.Reject(b!, "未到场", Liaison, At), _ct);

        Assert.Equal(0, (await _store.GetBalanceAsync(v, _ct)).Balance);
        Assert.Equal(0m, Assert.Single(await _store.ListYearAsync(2025, _ct), y => y.VolunteerAadObjectId == v).Hours);
        var audit = await _store.ListAuditAsync(v, id, _ct);
        Assert.Equal([AuditAction.Logged, AuditAction.Confirmed, AuditAction.Corrected, AuditAction.Rejected], audit.Select(a => a.Action));
        Assert.Equal([1, 2, 3, 4], audit.Select(a => a.Revision));
        Assert.All(audit.Skip(1), a => Assert.Equal("李强", a.ByName));
        Assert.Contains("Hours: 3 → 2.5", audit[2].Changes, StringComparison.Ordinal);
        Assert.Equal("未到场", audit[3].Reason);
        var stored = await _store.GetAsync(v, id, _ct);
        Assert.Equal(RecordStatus.Rejected, stored!.Status); // kept, not deleted
    }

    [Fact]
    public async Task ApplyAsync_SameConfirmTwice_WritesOnceAndKeepsOneAuditEntry()
    {
        var v = Guid.NewGuid().ToString();
        var draft = Draft(v, new DateOnly(2025, 3, 8), "2025-aaaa0002", 3m);
        await _store.ApplyAsync(v, draft.Id, b => RecordRules.Log(b, draft, At), _ct);
        var again = await _store.ApplyAsync(v, draft.Id, b => RecordRules.Log(b, draft, At), _ct);

        var first = await _store.ApplyAsync(v, draft.Id, b => RecordRules.Confirm(b!, 3m, ServiceQuality.Good, PointsRules.Default, Liaison, At), _ct);
        var second = await _store.ApplyAsync(v, draft.Id, b => RecordRules.Confirm(b!, 3m, ServiceQuality.Good, PointsRules.Default, Liaison, At), _ct);

        Assert.False(again.Changed);
        Assert.True(first.Changed);
        Assert.False(second.Changed);
        Assert.Equal(2, (await _store.ListAuditAsync(v, draft.Id, _ct)).Count);
        Assert.Equal(36, (await _store.GetBalanceAsync(v, _ct)).Earned);
    }

    [Fact]
    public async Task ApplyAsync_ParallelCorrections_BalanceEqualsRecordPoints()
    {
        var v = Guid.NewGuid().ToString();
        var drafts = Enumerable.Range(1, 4).Select(i => Draft(v, new DateOnly(2025, 4, i), $"2025-bbbb000{i}", 2m)).ToList();
        foreach (var d in drafts)
        {
            await _store.ApplyAsync(v, d.Id, b => RecordRules.Log(b, d, At), _ct);
        }

        var hours = new[] { 1m, 1.5m, 2m, 2.5m, 3m, 3.5m };
        var qualities = new[] { ServiceQuality.Good, ServiceQuality.Fair, ServiceQuality.Poor };
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i =>
        {
            var d = drafts[i % drafts.Count];
            return _store.ApplyAsync(v, d.Id, b => RecordRules.Confirm(b!, hours[i % hours.Length], qualities[i % 3], PointsRules.Default, Liaison, At), _ct);
        }));
        await _store.RedeemAsync(new PointsExchange("x1", v, 10, "纪念徽章", "c", "张书记", At), _ct);

        var records = await _store.ListByVolunteerAsync(v, null, _ct);
        var balance = await _store.GetBalanceAsync(v, _ct);
        var year = Assert.Single(await _store.ListYearAsync(2025, _ct), y => y.VolunteerAadObjectId == v);
        Assert.Equal(records.Sum(r => r.Points), balance.Earned);
        Assert.Equal(balance.Earned - 10, balance.Balance);
        Assert.Equal(records.Sum(r => r.ConfirmedHours), year.Hours);
        Assert.Equal(records.Sum(r => r.Points), year.Points);
        foreach (var r in records)
        {
            var audit = await _store.ListAuditAsync(v, r.Id, _ct);
            Assert.Equal(r.Revision, audit.Count);
        }
    }

    [Fact]
    public async Task RedeemAsync_BalanceShortAndReplayed_RefusesAndRecordsOnce()
    {
        var v = Guid.NewGuid().ToString();
        var d = Draft(v, new DateOnly(2025, 3, 8), "2025-cccc0001", 3m);
        await _store.ApplyAsync(v, d.Id, b => RecordRules.Log(b, d, At), _ct);
        await _store.ApplyAsync(v, d.Id, b => RecordRules.Confirm(b!, 3m, ServiceQuality.Good, PointsRules.Default, Liaison, At), _ct);

        var tooMuch = await _store.RedeemAsync(new PointsExchange("r1", v, 37, "保温杯", "c", "张书记", At), _ct);
        var ok = await _store.RedeemAsync(new PointsExchange("r2", v, 30, "保温杯", "c", "张书记", At), _ct);
        var replay = await _store.RedeemAsync(new PointsExchange("r2", v, 30, "保温杯", "c", "张书记", At), _ct);

        Assert.Equal(ExchangeOutcome.Insufficient, tooMuch.Outcome);
        Assert.Equal(ExchangeOutcome.Recorded, ok.Outcome);
        Assert.Equal(ExchangeOutcome.AlreadyRecorded, replay.Outcome);
        Assert.Equal(6, (await _store.GetBalanceAsync(v, _ct)).Balance);
        Assert.Single(await _store.ListExchangesAsync(v, _ct));
        Assert.Equal(RecordStatus.Confirmed, (await _store.GetAsync(v, d.Id, _ct))!.Status); // the service record is untouched
        Assert.Equal(36, (await _store.GetAsync(v, d.Id, _ct))!.Points);
    }

    [Fact]
    public async Task ListByPeriodAndPending_AcrossMonths_ReturnsRecordsInRange()
    {
        var v = Guid.NewGuid().ToString();
        var a = Draft(v, new DateOnly(2025, 1, 31), "2025-dddd0001", 1m);
        var b = Draft(v, new DateOnly(2025, 2, 1), "2025-dddd0002", 2m);
        var c = Draft(v, new DateOnly(2025, 3, 15), "2025-dddd0003", 3m);
        foreach (var d in new[] { a, b, c })
        {
            await _store.ApplyAsync(v, d.Id, x => RecordRules.Log(x, d, At), _ct);
        }

        await _store.ApplyAsync(v, b.Id, x => RecordRules.Confirm(x!, 2m, ServiceQuality.Good, PointsRules.Default, Liaison, At), _ct);

        var period = await _store.ListByPeriodAsync(new DateOnly(2025, 1, 31), new DateOnly(2025, 2, 28), _ct);
        var pending = await _store.ListPendingAsync(["d1"], new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31), _ct);
        var otherDivision = await _store.ListPendingAsync(["d9"], new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31), _ct);

        Assert.Equal([a.Id, b.Id], period.Where(r => r.VolunteerAadObjectId == v).Select(r => r.Id).Order());
        Assert.Equal([a.Id, c.Id], pending.Where(r => r.VolunteerAadObjectId == v).Select(r => r.Id).Order());
        Assert.DoesNotContain(otherDivision, r => r.VolunteerAadObjectId == v);
    }
}

public sealed class MemoryServiceRecordStoreContractTests : ServiceRecordStoreContractTests
{
    protected override Task<IServiceRecordStore> CreateAsync() => Task.FromResult<IServiceRecordStore>(new MemoryServiceRecordStore());
}

public sealed class TableServiceRecordStoreContractTests : ServiceRecordStoreContractTests
{
    protected override async Task<IServiceRecordStore> CreateAsync() => new ServiceRecordTableStore(await TestStorage.CreateAccountAsync());
}

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

    [Fact]
    public async Task ApplyAsync_RecordWrittenBetweenReadAndWrite_ChangeRunsAgainOnTheFreshRecord()
    {
        var v = Guid.NewGuid().ToString();
        var d = Draft(v, new DateOnly(2025, 5, 6), "2025-eeee0001", 3m);
        await _store.ApplyAsync(v, d.Id, b => RecordRules.Log(b, d, At), _ct);
        var seen = new List<int>();

        var write = await _store.ApplyAsync(v, d.Id, b =>
        {
            seen.Add(b!.Revision);
            if (seen.Count == 1)
            {
                // Another liaison confirms 2 h after this writer read the record (the other writer wins the race).
                _store.ApplyAsync(v, d.Id, x => RecordRules.Confirm(x!, 2m, ServiceQuality.Good, PointsRules.Default, new Actor("liaison-2", "王强"), At), _ct)
                    .GetAwaiter().GetResult();
            }

            return RecordRules.Confirm(b, 3m, ServiceQuality.Good, PointsRules.Default, Liaison, At);
        }, _ct);

        Assert.Equal([1, 2], seen);
        Assert.Equal(2, write.Before!.Revision);
        Assert.Equal(3, write.After!.Revision);
        var audit = await _store.ListAuditAsync(v, d.Id, _ct);
        Assert.Equal([AuditAction.Logged, AuditAction.Confirmed, AuditAction.Corrected], audit.Select(a => a.Action));
        Assert.Equal("王强", audit[1].ByName);
        Assert.Equal(36, (await _store.GetBalanceAsync(v, _ct)).Earned);
        Assert.Equal(3m, Assert.Single(await _store.ListYearAsync(2025, _ct), y => y.VolunteerAadObjectId == v).Hours);
    }

    [Fact]
    public async Task ApplyAsync_ChangeDecidesNothingOrMovesTheKey_WritesNothingOrThrows()
    {
        var v = Guid.NewGuid().ToString();
        var d = Draft(v, new DateOnly(2025, 5, 7), "2025-eeee0002", 3m);

        var nothing = await _store.ApplyAsync(v, d.Id, _ => null, _ct);
        var elsewhere = Draft(v, new DateOnly(2025, 5, 8), "2025-eeee0002", 3m);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _store.ApplyAsync(v, d.Id, b => RecordRules.Log(b, elsewhere, At), _ct));

        Assert.False(nothing.Changed);
        Assert.Null(nothing.After);
        Assert.Null(await _store.GetAsync(v, d.Id, _ct));
        Assert.Null(await _store.GetAsync(v, elsewhere.Id, _ct));
        Assert.Empty(await _store.ListAuditAsync(v, d.Id, _ct));
        Assert.Empty(await _store.ListByVolunteerAsync(v, null, _ct));
        Assert.Equal(PointsBalance.Zero, await _store.GetBalanceAsync(v, _ct));
    }

    [Fact]
    public async Task ListByVolunteer_FromDate_OwnRecordsOnOrAfterNewestFirst()
    {
        var v = Guid.NewGuid().ToString();
        var other = Guid.NewGuid().ToString();
        var drafts = new[]
        {
            Draft(v, new DateOnly(2025, 2, 28), "2025-ffff0001", 1m),
            Draft(v, new DateOnly(2025, 3, 1), "2025-ffff0002", 1m),
            Draft(v, new DateOnly(2025, 4, 2), "2025-ffff0003", 1m),
            Draft(v, new DateOnly(2024, 12, 30), "2024-ffff0004", 1m),
            Draft(other, new DateOnly(2025, 3, 5), "2025-ffff0005", 1m),
        };
        foreach (var d in drafts)
        {
            await _store.ApplyAsync(d.VolunteerAadObjectId, d.Id, b => RecordRules.Log(b, d, At), _ct);
        }

        var fromMarch = await _store.ListByVolunteerAsync(v, new DateOnly(2025, 3, 1), _ct);
        var all = await _store.ListByVolunteerAsync(v, null, _ct);

        Assert.Equal([drafts[2].Id, drafts[1].Id], fromMarch.Select(r => r.Id));
        Assert.Equal([drafts[2].Id, drafts[1].Id, drafts[0].Id, drafts[3].Id], all.Select(r => r.Id));
        Assert.Empty(await _store.ListByVolunteerAsync(Guid.NewGuid().ToString(), null, _ct));
    }

    [Fact]
    public async Task ListYear_RecordsInTwoYears_EachYearHasOnlyItsOwnTotals()
    {
        var v = Guid.NewGuid().ToString();
        var old = Draft(v, new DateOnly(2024, 12, 31), "2024-abab0001", 2m);
        var now = Draft(v, new DateOnly(2025, 1, 1), "2025-abab0002", 4m) with { DivisionId = "d2" };
        foreach (var d in new[] { old, now })
        {
            await _store.ApplyAsync(v, d.Id, b => RecordRules.Log(b, d, At), _ct);
            await _store.ApplyAsync(v, d.Id, b => RecordRules.Confirm(b!, d.Hours, ServiceQuality.Good, PointsRules.Default, Liaison, At), _ct);
        }

        var y2024 = Assert.Single(await _store.ListYearAsync(2024, _ct), y => y.VolunteerAadObjectId == v);
        var y2025 = Assert.Single(await _store.ListYearAsync(2025, _ct), y => y.VolunteerAadObjectId == v);

        Assert.Equal((2024, 2m, 24, 1), (y2024.Year, y2024.Hours, y2024.Points, y2024.Records));
        Assert.Equal((2025, 4m, 48, 1), (y2025.Year, y2025.Hours, y2025.Points, y2025.Records));
        Assert.Equal(new Dictionary<string, decimal> { ["d2"] = 4m }, y2025.HoursByDivision);
        Assert.Equal(72, (await _store.GetBalanceAsync(v, _ct)).Earned);
        Assert.DoesNotContain(await _store.ListYearAsync(2023, _ct), y => y.VolunteerAadObjectId == v);
    }

    [Fact]
    public async Task ListExchanges_NewestFirst_OnlyTheVolunteers()
    {
        var v = Guid.NewGuid().ToString();
        var d = Draft(v, new DateOnly(2025, 3, 8), "2025-cdcd0001", 10m);
        await _store.ApplyAsync(v, d.Id, b => RecordRules.Log(b, d, At), _ct);
        await _store.ApplyAsync(v, d.Id, b => RecordRules.Confirm(b!, 10m, ServiceQuality.Good, PointsRules.Default, Liaison, At), _ct);

        await _store.RedeemAsync(new PointsExchange("e-old", v, 10, "纪念徽章", "c", "张书记", At), _ct);
        await _store.RedeemAsync(new PointsExchange("e-new", v, 20, "保温杯", "c", "张书记", At.AddDays(3)), _ct);
        await _store.RedeemAsync(new PointsExchange("e-mid", v, 5, "笔记本", "c", "张书记", At.AddDays(1)), _ct);

        var list = await _store.ListExchangesAsync(v, _ct);

        Assert.Equal(["e-new", "e-mid", "e-old"], list.Select(x => x.Id));
        Assert.Equal(new PointsExchange("e-new", v, 20, "保温杯", "c", "张书记", At.AddDays(3)), list[0]);
        Assert.Equal(new PointsBalance(120, 35), await _store.GetBalanceAsync(v, _ct));
        Assert.Empty(await _store.ListExchangesAsync(Guid.NewGuid().ToString(), _ct));
    }

    [Fact]
    public async Task ListPending_OrganiserDivisionOrAll_MatchesByEitherDivision()
    {
        var v = Guid.NewGuid().ToString();
        var organised = Draft(v, new DateOnly(2025, 6, 3), "2025-efef0001", 1m) with { DivisionId = "d5", OrganiserDivisionIds = ["d7", "d8"] };
        var plain = Draft(v, new DateOnly(2025, 6, 4), "2025-efef0002", 1m) with { DivisionId = "d6" };
        foreach (var d in new[] { organised, plain })
        {
            await _store.ApplyAsync(v, d.Id, b => RecordRules.Log(b, d, At), _ct);
        }

        var byOrganiser = await _store.ListPendingAsync(["d8"], new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30), _ct);
        var everyone = await _store.ListPendingAsync(null, new DateOnly(2025, 6, 1), new DateOnly(2025, 6, 30), _ct);
        var outside = await _store.ListPendingAsync(null, new DateOnly(2025, 6, 4), new DateOnly(2025, 6, 4), _ct);

        Assert.Equal([organised.Id], byOrganiser.Where(r => r.VolunteerAadObjectId == v).Select(r => r.Id));
        Assert.Equal(["d7", "d8"], byOrganiser.Single(r => r.VolunteerAadObjectId == v).OrganiserDivisionIds);
        Assert.Equal([organised.Id, plain.Id], everyone.Where(r => r.VolunteerAadObjectId == v).Select(r => r.Id));
        Assert.Equal([plain.Id], outside.Where(r => r.VolunteerAadObjectId == v).Select(r => r.Id));
    }

    [Fact]
    public async Task ListByPeriod_SeveralVolunteersAndDays_ByDayThenVolunteer()
    {
        var a = "a-" + Guid.NewGuid().ToString("N")[..8];
        var b = "b-" + Guid.NewGuid().ToString("N")[..8];
        var rows = new[]
        {
            Draft(b, new DateOnly(2025, 7, 2), "2025-abcd0001", 1m),
            Draft(a, new DateOnly(2025, 7, 2), "2025-abcd0001", 1m),
            Draft(a, new DateOnly(2025, 7, 1), "2025-abcd0002", 1m),
            Draft(b, new DateOnly(2025, 8, 1), "2025-abcd0003", 1m),
        };
        foreach (var d in rows)
        {
            await _store.ApplyAsync(d.VolunteerAadObjectId, d.Id, x => RecordRules.Log(x, d, At), _ct);
        }

        var july = (await _store.ListByPeriodAsync(new DateOnly(2025, 7, 1), new DateOnly(2025, 7, 31), _ct))
            .Where(r => r.VolunteerAadObjectId == a || r.VolunteerAadObjectId == b).ToList();

        Assert.Equal([(a, 1), (a, 2), (b, 2)], july.Select(r => (r.VolunteerAadObjectId, r.Date.Day)));
        Assert.All(july, r => Assert.Equal(RecordStatus.Pending, r.Status));
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

using VolunteerBot.Dialogs.Domain.Dashboard;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Dashboard;
using VolunteerBot.Tests.Hours;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Dashboard;

/// <summary>
/// The IDashboardStore contract; runs against the in-memory fake and the Table Storage store on Azurite. Records are
/// written through the service record store of the same kind, whose month copies the dashboard reads.
/// </summary>
public abstract class DashboardStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 5, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Liaison = new("liaison-1", "李强");
    private readonly CancellationToken _ct = CancellationToken.None;

    protected IDashboardStore Store { get; private set; } = null!;

    protected IServiceRecordStore Records { get; private set; } = null!;

    protected abstract Task<(IDashboardStore Dashboard, IServiceRecordStore Records)> CreateAsync();

    public async Task InitializeAsync() => (Store, Records) = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static MonthDivisionTotal Total(string month, string division, decimal hours) => new(month, division, hours, 0.5m, 3, 4);

    private async Task<ServiceRecord> LogAsync(string volunteer, DateOnly date, string division, decimal hours, RecordStatus status = RecordStatus.Pending)
    {
        var draft = HoursArithmeticTests.Record(date, date.Year + "-" + Guid.NewGuid().ToString("N")[..8], hours, RecordStatus.Pending) with
        {
            VolunteerAadObjectId = volunteer, LoggedByAadObjectId = volunteer, DivisionId = division,
        };
        await Records.ApplyAsync(volunteer, draft.Id, b => RecordRules.Log(b, draft, At), _ct);
        var write = status switch
        {
            RecordStatus.Confirmed => await Records.ApplyAsync(volunteer, draft.Id, b => RecordRules.Confirm(b!, hours, ServiceQuality.Good, PointsRules.Default, Liaison, At), _ct),
            RecordStatus.Rejected => await Records.ApplyAsync(volunteer, draft.Id, b => RecordRules.Reject(b!, "未到场", Liaison, At), _ct),
            _ => null,
        };
        return write?.After ?? draft;
    }

    [Fact]
    public async Task ListMonthTotals_NothingComputed_NoRowsNoStamps()
    {
        var totals = await Store.ListMonthTotalsAsync("202501", "202512", _ct);

        Assert.Empty(totals.Rows);
        Assert.Empty(totals.ComputedAt);
    }

    [Fact]
    public async Task ListMonthTotals_Range_OnlyMonthsInsideWithTheirStamps()
    {
        await Store.ReplaceMonthAsync("202502", [Total("202502", "d-1", 1m)], At, _ct);
        await Store.ReplaceMonthAsync("202503", [Total("202503", "d-2", 2m), Total("202503", "d-1", 3m)], At.AddHours(1), _ct);
        await Store.ReplaceMonthAsync("202504", [Total("202504", "d-1", 4m)], At.AddHours(2), _ct);
        await Store.ReplaceMonthAsync("202506", [Total("202506", "d-1", 6m)], At.AddHours(3), _ct);

        var totals = await Store.ListMonthTotalsAsync("202503", "202505", _ct);

        Assert.Equal([Total("202503", "d-1", 3m), Total("202503", "d-2", 2m), Total("202504", "d-1", 4m)], totals.Rows);
        Assert.Equal(new Dictionary<string, DateTimeOffset> { ["202503"] = At.AddHours(1), ["202504"] = At.AddHours(2) }, totals.ComputedAt);
    }

    [Fact]
    public async Task ReplaceMonth_DivisionGone_ItsRowRemovedAndStampMoved()
    {
        await Store.ReplaceMonthAsync("202503", [Total("202503", "d-1", 3m), Total("202503", "d-2", 2m)], At, _ct);

        await Store.ReplaceMonthAsync("202503", [Total("202503", "d-2", 5m)], At.AddDays(1), _ct);
        await Store.ReplaceMonthAsync("202504", [], At.AddDays(1), _ct);

        var totals = await Store.ListMonthTotalsAsync("202503", "202504", _ct);
        Assert.Equal([Total("202503", "d-2", 5m)], totals.Rows);
        Assert.Equal(At.AddDays(1), totals.ComputedAt["202503"]);
        Assert.Equal(At.AddDays(1), totals.ComputedAt["202504"]); // computed, and empty
    }

    [Fact]
    public async Task ReplaceMonth_MoreDivisionsThanOneTransaction_AllKept()
    {
        var many = Enumerable.Range(0, 130).Select(i => Total("202507", "d-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), i)).ToList();

        await Store.ReplaceMonthAsync("202507", many, At, _ct);
        await Store.ReplaceMonthAsync("202507", many.Skip(20).ToList(), At.AddHours(1), _ct);

        var totals = await Store.ListMonthTotalsAsync("202507", "202507", _ct);
        Assert.Equal(many.Skip(20), totals.Rows);
        Assert.Equal(At.AddHours(1), totals.ComputedAt["202507"]);
    }

    [Fact]
    public async Task ListMonthForTotals_OneMonth_EveryStatusWithTheFieldsTheTotalsNeed()
    {
        var v = "v-" + Guid.NewGuid().ToString("N")[..8];
        var pending = await LogAsync(v, new DateOnly(2025, 3, 1), "d-1", 2m);
        var confirmed = await LogAsync(v, new DateOnly(2025, 3, 31), "d-2", 3m, RecordStatus.Confirmed);
        var rejected = await LogAsync(v, new DateOnly(2025, 3, 15), "d-1", 1m, RecordStatus.Rejected);
        await LogAsync(v, new DateOnly(2025, 4, 1), "d-1", 4m);
        await LogAsync(v, new DateOnly(2025, 2, 28), "d-1", 4m);

        var month = await Store.ListMonthForTotalsAsync("202503", _ct);

        var expected = new[] { pending, rejected, confirmed }.Select(r => (r.VolunteerAadObjectId, r.DivisionId, r.ProjectId, r.Date, r.Hours, r.Status));
        Assert.Equal(expected, month.OrderBy(r => r.Date).Select(r => (r.VolunteerAadObjectId, r.DivisionId, r.ProjectId, r.Date, r.Hours, r.Status)));
        Assert.Empty(await Store.ListMonthForTotalsAsync("202501", _ct));
    }

    [Fact]
    public async Task LastActivity_Division_LatestNonRejectedDateInRangePerVolunteer()
    {
        var a = "A-" + Guid.NewGuid().ToString("N")[..8];
        var b = "b-" + Guid.NewGuid().ToString("N")[..8];
        var c = "c-" + Guid.NewGuid().ToString("N")[..8];
        await LogAsync(a, new DateOnly(2025, 3, 3), "d-1", 1m, RecordStatus.Confirmed);
        await LogAsync(a, new DateOnly(2025, 4, 2), "d-1", 1m);
        await LogAsync(a, new DateOnly(2025, 4, 20), "d-1", 1m, RecordStatus.Rejected);
        await LogAsync(a, new DateOnly(2025, 4, 25), "d-1", 1m); // after the range
        await LogAsync(b, new DateOnly(2025, 3, 10), "d-2", 1m); // another division
        await LogAsync(c, new DateOnly(2025, 2, 27), "d-1", 1m); // before the range
        await LogAsync(c, new DateOnly(2025, 3, 1), "d-1", 1m, RecordStatus.Rejected);

        var last = await Store.LastActivityAsync("d-1", new DateOnly(2025, 3, 1), new DateOnly(2025, 4, 24), _ct);

        Assert.Equal([a], last.Keys);
        Assert.Equal(new DateOnly(2025, 4, 2), last[a.ToLowerInvariant()]);
        Assert.Empty(await Store.LastActivityAsync("d-9", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), _ct));
    }
}

public sealed class MemoryDashboardStoreContractTests : DashboardStoreContractTests
{
    protected override Task<(IDashboardStore Dashboard, IServiceRecordStore Records)> CreateAsync()
    {
        var records = new MemoryServiceRecordStore();
        return Task.FromResult<(IDashboardStore, IServiceRecordStore)>((new MemoryDashboardStore(records), records));
    }
}

public sealed class TableDashboardStoreContractTests : DashboardStoreContractTests
{
    protected override async Task<(IDashboardStore Dashboard, IServiceRecordStore Records)> CreateAsync()
    {
        var account = await TestStorage.CreateAccountAsync();
        return (new DashboardTableStore(account), new ServiceRecordTableStore(account));
    }
}

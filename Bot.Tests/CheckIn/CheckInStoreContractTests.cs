using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Storage.CheckIn;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Tests.Projects;

namespace VolunteerBot.Tests.CheckIn;

/// <summary>The ICheckInStore contract; runs against the in-memory fake and the Table Storage store on Azurite.</summary>
public abstract class CheckInStoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = ProjectSamples.Local(2026, 3, 7, 9);
    private readonly CancellationToken _ct = CancellationToken.None;

    protected ICheckInStore Store { get; private set; } = null!;

    protected abstract Task<ICheckInStore> CreateAsync();

    public async Task InitializeAsync() => Store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    protected static Attendance Row(string project, string who, DateTimeOffset? end = null) => new()
    {
        ProjectId = project, ProjectTitle = "垃圾分类宣传", ProjectStart = Start, ProjectEnd = end ?? Start.AddHours(3),
        VolunteerAadObjectId = who, VolunteerName = "志愿者" + who, DivisionId = "d-1", IsWalkIn = who.EndsWith('w'), CheckedInAt = Start.AddMinutes(who.Length),
    };

    private static CheckInSession Session(string project, string code) => new()
    {
        ProjectId = project, Code = code, CodeShownAt = Start, OpenedByAadObjectId = "l", OpenedByName = "李强", OpenedAt = Start,
    };

    [Fact]
    public async Task UpdateSession_CreateRefreshAndSameInstance_StoresLatestOnly()
    {
        Assert.Null(await Store.GetSessionAsync("2026-p1", _ct));

        var created = await Store.UpdateSessionAsync("2026-p1", s => s ?? Session("2026-p1", "111111"), _ct);
        var same = await Store.UpdateSessionAsync("2026-p1", s => s!, _ct);
        var fresh = await Store.UpdateSessionAsync("2026-p1", s => CheckInRules.Refresh(s!, "222222", Start.AddMinutes(5)), _ct);

        Assert.Equal(created, same);
        var stored = await Store.GetSessionAsync("2026-p1", _ct);
        Assert.Equal(fresh, stored);
        Assert.Equal("222222", stored!.Code);
        Assert.Equal("111111", stored.PreviousCode);
        Assert.Equal(2, stored.Revision);
    }

    [Fact]
    public async Task TryLeaseCode_HeldByLiveActivity_RefusedUntilItEnds()
    {
        var code = CheckInRules.NewCode();
        Assert.True(await Store.TryLeaseCodeAsync(new CodeLease(code, "2026-a", Start.AddHours(3)), Start, _ct));
        Assert.True(await Store.TryLeaseCodeAsync(new CodeLease(code, "2026-a", Start.AddHours(3)), Start, _ct));
        Assert.False(await Store.TryLeaseCodeAsync(new CodeLease(code, "2026-b", Start.AddHours(9)), Start.AddHours(1), _ct));
        Assert.Equal("2026-a", (await Store.FindCodeAsync(code, _ct))!.ProjectId);

        Assert.True(await Store.TryLeaseCodeAsync(new CodeLease(code, "2026-b", Start.AddHours(9)), Start.AddHours(4), _ct));
        var lease = await Store.FindCodeAsync(code, _ct);
        Assert.Equal("2026-b", lease!.ProjectId);
        Assert.Equal(Start.AddHours(9), lease.ValidUntil);
        Assert.Null(await Store.FindCodeAsync("000001", _ct));
    }

    [Fact]
    public async Task CheckIn_Twice_FirstRowKeptSecondNotCreated()
    {
        var first = await Store.CheckInAsync(Row("2026-p2", "a"), _ct);
        var again = await Store.CheckInAsync(Row("2026-p2", "a") with { CheckedInAt = Start.AddHours(1), IsWalkIn = true }, _ct);

        Assert.True(first.Created);
        Assert.False(again.Created);
        Assert.Equal(first.Attendance, again.Attendance);
        Assert.Equal(first.Attendance, Assert.Single(await Store.ListByProjectAsync("2026-p2", _ct)));
    }

    [Fact]
    public async Task Update_CheckOutOnceAndMissingRow_ReturnsAfterOrNull()
    {
        await Store.CheckInAsync(Row("2026-p3", "a"), _ct);

        var outAt = Start.AddHours(2);
        var after = await Store.UpdateAsync("2026-p3", "a", x => CheckInRules.CheckOut(x, outAt), _ct);
        var again = await Store.UpdateAsync("2026-p3", "a", x => CheckInRules.CheckOut(x, outAt.AddHours(1)), _ct);

        Assert.Equal(outAt, after!.CheckedOutAt);
        Assert.Equal(outAt, again!.CheckedOutAt);
        Assert.Equal(outAt, (await Store.GetAsync("2026-p3", "a", _ct))!.CheckedOutAt);
        Assert.Null(await Store.UpdateAsync("2026-p3", "nobody", x => x, _ct));
        Assert.Null(await Store.GetAsync("2026-p3", "nobody", _ct));
    }

    [Fact]
    public async Task ListByVolunteer_OnlyActivitiesEndingAfter_NewestFirst()
    {
        await Store.CheckInAsync(Row("2026-old", "v", Start.AddHours(-20)) with { CheckedInAt = Start.AddHours(-23) }, _ct);
        await Store.CheckInAsync(Row("2026-now", "v") with { CheckedInAt = Start }, _ct);
        await Store.CheckInAsync(Row("2026-later", "v", Start.AddHours(8)) with { CheckedInAt = Start.AddHours(5) }, _ct);
        await Store.CheckInAsync(Row("2026-now", "other"), _ct);

        var mine = await Store.ListByVolunteerAsync("v", Start, _ct);

        Assert.Equal(["2026-later", "2026-now"], mine.Select(a => a.ProjectId));
        Assert.Equal(3, (await Store.ListByVolunteerAsync("v", Start.AddDays(-2), _ct)).Count);
    }

    [Fact]
    public async Task ListByProject_InCheckInOrder_WalkInsKept()
    {
        await Store.CheckInAsync(Row("2026-p4", "bbbw"), _ct);
        await Store.CheckInAsync(Row("2026-p4", "a"), _ct);
        await Store.CheckInAsync(Row("2026-p5", "a"), _ct);

        var rows = await Store.ListByProjectAsync("2026-p4", _ct);

        Assert.Equal(["a", "bbbw"], rows.Select(r => r.VolunteerAadObjectId));
        Assert.True(rows[1].IsWalkIn);
    }

    [Fact]
    public async Task RecordFailure_FifthWithinWindow_Blocks()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.Null((await Store.RecordFailureAsync("v", Start.AddMinutes(i), _ct)).BlockedUntil);
        }

        var blocked = await Store.RecordFailureAsync("v", Start.AddMinutes(4), _ct);

        Assert.Equal(Start.AddMinutes(14), blocked.BlockedUntil);
        Assert.Equal(blocked.BlockedUntil, (await Store.GetThrottleAsync("v", _ct)).BlockedUntil);
        Assert.Equal(CodeThrottle.None.Failures, (await Store.GetThrottleAsync("someone-else", _ct)).Failures);
        // A throttle row never shows up as an attendance.
        Assert.Empty(await Store.ListByVolunteerAsync("v", Start.AddDays(-1), _ct));
    }
}

public sealed class MemoryCheckInStoreContractTests : CheckInStoreContractTests
{
    protected override Task<ICheckInStore> CreateAsync() => Task.FromResult<ICheckInStore>(new MemoryCheckInStore());
}

public sealed class TableCheckInStoreContractTests : CheckInStoreContractTests
{
    protected override async Task<ICheckInStore> CreateAsync() => new CheckInTableStore(await TestStorage.CreateAccountAsync());

    /// <summary>Two hundred people check in to one activity at once, each twice (a retry): 200 rows, none lost, none twice.</summary>
    [Fact]
    public async Task CheckIn_TwoHundredInParallelEachTwice_TwoHundredRows()
    {
        var people = Enumerable.Range(0, 200).Select(i => "p" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture)).ToList();

        var writes = await Task.WhenAll(people.Concat(people).Select(who => Task.Run(() => Store.CheckInAsync(Row("2026-rush", who), CancellationToken.None))));

        var rows = await Store.ListByProjectAsync("2026-rush", CancellationToken.None);
        Assert.Equal(200, rows.Count);
        Assert.Equal(200, rows.Select(r => r.VolunteerAadObjectId).Distinct().Count());
        Assert.Equal(200, writes.Count(w => w.Created));
        Assert.All(people, who => Assert.Single(writes, w => w.Created && w.Attendance.VolunteerAadObjectId == who));
    }
}

using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Team;

/// <summary>The team stores' contracts (volunteers, divisions, staff, feedback), run against the in-memory fakes and the Table Storage implementations on Azurite.</summary>
public abstract class TeamStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 3, 10, 2, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = CancellationToken.None;
    protected abstract Task InitStoresAsync();

    protected abstract IVolunteerStore NewVolunteerStore();

    protected abstract IDivisionStore NewDivisionStore();

    protected abstract IStaffStore NewStaffStore();

    protected abstract IFeedbackStore NewFeedbackStore();

    public Task InitializeAsync() => InitStoresAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static VolunteerProfile Profile(string aad, string division, string name = "王芳") => new(aad, name, division, true, "13812345678", null);

    [Fact]
    public async Task VolunteerSave_CreateThenSameThenChange_CreatesOnceAndReportsUnchanged()
    {
        var store = NewVolunteerStore();

        var created = await store.SaveAsync(Profile("a/1", "dA"), At, new DateOnly(2025, 3, 10), _ct);
        var same = await store.SaveAsync(Profile("a/1", "dA"), At.AddHours(1), new DateOnly(2025, 3, 10), _ct);
        var changed = await store.SaveAsync(Profile("a/1", "dA", "王芳芳"), At.AddHours(2), new DateOnly(2025, 3, 10), _ct);

        Assert.Equal(SaveOutcome.Created, created.Outcome);
        Assert.Equal(SaveOutcome.Unchanged, same.Outcome);
        Assert.Equal(SaveOutcome.Updated, changed.Outcome);
        var stored = await store.GetAsync("a/1", _ct);
        Assert.Equal("王芳芳", stored!.Name);
        Assert.Equal(At, stored.RegisteredAt);
        Assert.Single(await store.ListByDivisionAsync("dA", _ct));
        Assert.Single(await store.ListAllAsync(_ct));
    }

    [Fact]
    public async Task VolunteerSave_Moves_KeepHistoryAndMoveRosterIndex()
    {
        var store = NewVolunteerStore();
        await store.SaveAsync(Profile("v1", "dA"), At, new DateOnly(2025, 1, 1), _ct);
        await store.SaveAsync(Profile("v1", "dB"), At, new DateOnly(2025, 3, 1), _ct);
        // Moving twice on one day leaves no empty stretch behind.
        await store.SaveAsync(Profile("v1", "dC"), At, new DateOnly(2025, 3, 1), _ct);
        var moved = await store.SaveAsync(Profile("v1", "dA"), At, new DateOnly(2025, 6, 1), _ct);

        var history = await store.GetMembershipsAsync("v1", _ct);
        Assert.Equal("dC", moved.PreviousDivisionId);
        Assert.Equal(
            [new DivisionMembership("dA", new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 1)),
             new DivisionMembership("dC", new DateOnly(2025, 3, 1), new DateOnly(2025, 6, 1)),
             new DivisionMembership("dA", new DateOnly(2025, 6, 1), null)],
            history);
        Assert.Equal("dC", history.DivisionOn(new DateOnly(2025, 4, 15)));
        Assert.Single(await store.ListByDivisionAsync("dA", _ct));
        Assert.Empty(await store.ListByDivisionAsync("dB", _ct));
        Assert.Empty(await store.ListByDivisionAsync("dC", _ct));
    }

    [Fact]
    public async Task VolunteerSave_ParallelFirstSaves_OneVolunteerOneMembership()
    {
        var store = NewVolunteerStore();

        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => store.SaveAsync(Profile("p1", "dA"), At, new DateOnly(2025, 3, 10), _ct)));

        Assert.Single(await store.GetMembershipsAsync("p1", _ct));
        Assert.Single(await store.ListByDivisionAsync("dA", _ct));
    }

    [Fact]
    public async Task VolunteerSetCommunity_Registered_UpdatesProfileAndRoster()
    {
        var store = NewVolunteerStore();
        await store.SaveAsync(Profile("c1", "dA"), At, new DateOnly(2025, 3, 10), _ct);

        await store.SetCommunityAsync("c1", "金凤区 XX 社区", new DateOnly(2024, 11, 5), At, _ct);

        Assert.Equal("金凤区 XX 社区", (await store.GetAsync("c1", _ct))!.Community);
        Assert.Equal(new DateOnly(2024, 11, 5), Assert.Single(await store.ListByDivisionAsync("dA", _ct)).CommunityReportedOn);
        Assert.Null(await store.SetCommunityAsync("nobody", "x", new DateOnly(2024, 1, 1), At, _ct));
    }

    [Fact]
    public async Task DivisionCreate_SameNameTwice_SecondIsNameTakenWithTheFirst()
    {
        var store = NewDivisionStore();

        var first = await store.CreateAsync("中小企业处", At, _ct);
        var second = await store.CreateAsync(" 中小企业处 ", At, _ct);

        Assert.True(first.Succeeded);
        Assert.Equal(DivisionError.NameTaken, second.Error);
        Assert.Equal(first.Division!.Id, second.Division!.Id);
        Assert.Single(await store.ListAsync(includeArchived: true, _ct));
    }

    [Fact]
    public async Task DivisionCreate_Parallel_OneWins()
    {
        var store = NewDivisionStore();

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => store.CreateAsync("政策法规处", At, _ct)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(await store.ListAsync(includeArchived: true, _ct));
    }

    [Fact]
    public async Task DivisionRename_FreesOldNameAndReservesNew()
    {
        var store = NewDivisionStore();
        var a = (await store.CreateAsync("政策法规处", At, _ct)).Division!;
        var b = (await store.CreateAsync("中小企业处", At, _ct)).Division!;

        var taken = await store.RenameAsync(a.Id, "中小企业处", _ct);
        var renamed = await store.RenameAsync(a.Id, "法规处", _ct);
        var reuse = await store.CreateAsync("政策法规处", At, _ct);

        Assert.Equal(DivisionError.NameTaken, taken.Error);
        Assert.Equal("法规处", renamed.Division!.Name);
        Assert.Equal(a.Id, (await store.GetAsync(a.Id, _ct))!.Id);
        Assert.True(reuse.Succeeded);
        Assert.Equal(DivisionError.NotFound, (await store.RenameAsync("nope", "x", _ct)).Error);
        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public async Task DivisionLiaisonsAndArchive_Idempotent()
    {
        var store = NewDivisionStore();
        var d = (await store.CreateAsync("消费品工业处", At, _ct)).Division!;

        await Task.WhenAll(store.AddLiaisonAsync(d.Id, "l1", _ct), store.AddLiaisonAsync(d.Id, "l2", _ct), store.AddLiaisonAsync(d.Id, "l1", _ct));
        await store.RemoveLiaisonAsync(d.Id, "l2", _ct);
        await store.SetArchivedAsync(d.Id, true, _ct);

        var stored = await store.GetAsync(d.Id, _ct);
        Assert.Equal(["l1"], stored!.LiaisonAadObjectIds);
        Assert.True(stored.Archived);
        Assert.Empty(await store.ListAsync(includeArchived: false, _ct));
    }

    [Fact]
    public async Task StaffImport_MoreThanOneTransaction_ImportsAllOnceAndKeepsInvitations()
    {
        var store = NewStaffStore();
        var members = Enumerable.Range(0, 230).Select(i => new StaffMember($"s{i}", $"员工{i}", null)).ToList();

        var first = await store.ImportAsync("team1", members, At, _ct);
        await store.MarkInvitedAsync(["s1"], At, _ct);
        var second = await store.ImportAsync("team2", members.Take(10).ToList(), At.AddDays(1), _ct);

        Assert.Equal(new StaffImportResult(230, 230, Active: 230, Left: 0), first);
        Assert.Equal(new StaffImportResult(10, 0, Active: 230, Left: 0), second); // team2 lists fewer: nobody left team1
        var all = await store.ListAsync(_ct);
        Assert.Equal(230, all.Count);
        var s1 = all.Single(s => s.AadObjectId == "s1");
        Assert.Equal(At, s1.LastInvitedAt);
        Assert.Equal(["team1", "team2"], s1.TeamIds);
        Assert.Equal(At, s1.FirstImportedAt);
    }

    [Fact]
    public async Task FeedbackAddTwiceAndReplyTwice_StoresOnceAndKeepsFirstReply()
    {
        var store = NewFeedbackStore();
        var item = new Feedback { Id = "f1", AadObjectId = "u1", Name = "王芳", Kind = FeedbackKind.HelpRequest, Text = "需要帮助", CreatedAt = At };

        var added = await store.AddAsync(item, _ct);
        var again = await store.AddAsync(item with { Text = "changed" }, _ct);
        var replied = await store.ReplyAsync("u1", "f1", "好的", "c1", "张书记", At, _ct);
        var second = await store.ReplyAsync("u1", "f1", "另一个答复", "c2", "李书记", At, _ct);

        Assert.True(added.Created);
        Assert.False(again.Created);
        Assert.Equal("需要帮助", again.Feedback.Text);
        Assert.True(replied!.Replied);
        Assert.False(second!.Replied);
        Assert.Equal("张书记", second.Feedback.RepliedByName);
        Assert.Single(await store.ListByVolunteerAsync("u1", _ct));
        Assert.Null(await store.ReplyAsync("u1", "missing", "x", "c1", "x", At, _ct));
    }
}

public sealed class MemoryTeamStoreContractTests : TeamStoreContractTests
{
    protected override Task InitStoresAsync() => Task.CompletedTask;

    protected override IVolunteerStore NewVolunteerStore() => new MemoryVolunteerStore();

    protected override IDivisionStore NewDivisionStore() => new MemoryDivisionStore();

    protected override IStaffStore NewStaffStore() => new MemoryStaffStore();

    protected override IFeedbackStore NewFeedbackStore() => new MemoryFeedbackStore();
}

public sealed class TableTeamStoreContractTests : TeamStoreContractTests
{
    private StorageAccount _account = null!;

    protected override async Task InitStoresAsync() => _account = await TestStorage.CreateAccountAsync();

    protected override IVolunteerStore NewVolunteerStore() => new VolunteerTableStore(_account);

    protected override IDivisionStore NewDivisionStore() => new DivisionTableStore(_account);

    protected override IStaffStore NewStaffStore() => new StaffTableStore(_account);

    protected override IFeedbackStore NewFeedbackStore() => new FeedbackTableStore(_account);
}

/// <summary>The same contracts with the divisions behind <see cref="CachedDivisionStore"/>, the IDivisionStore the host registers.</summary>
public sealed class CachedTeamStoreContractTests : TeamStoreContractTests
{
    private StorageAccount _account = null!;

    protected override async Task InitStoresAsync() => _account = await TestStorage.CreateAccountAsync();

    protected override IVolunteerStore NewVolunteerStore() => new VolunteerTableStore(_account);

    protected override IDivisionStore NewDivisionStore() => new CachedDivisionStore(new DivisionTableStore(_account), TimeProvider.System);

    protected override IStaffStore NewStaffStore() => new StaffTableStore(_account);

    protected override IFeedbackStore NewFeedbackStore() => new FeedbackTableStore(_account);
}

using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Storage.Rules;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Rules;

/// <summary>The ICommitteeStore contract, run against the in-memory fake and the Table Storage implementation on Azurite.</summary>
public abstract class CommitteeStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = CancellationToken.None;
    private ICommitteeStore _store = null!;

    protected abstract Task<ICommitteeStore> CreateAsync();

    public async Task InitializeAsync() => _store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static CommitteeMember Member(string aad, string name, int minutes) => new(aad, name, false, "张书记", At.AddMinutes(minutes));

    [Fact]
    public async Task Add_TwiceAnyCase_StoredOnceListedInOrderOfAdding()
    {
        Assert.True(await _store.AddAsync(Member("B-2", "李书记", 2), _ct));
        Assert.True(await _store.AddAsync(Member("a-1", "王芳", 1), _ct));
        Assert.False(await _store.AddAsync(Member("b-2", "李书记", 3), _ct));

        var members = await _store.ListAsync(_ct);

        Assert.Equal(["a-1", "B-2"], members.Select(m => m.AadObjectId));
        Assert.All(members, m => Assert.False(m.Bootstrap));
        Assert.Equal("张书记", members[0].AddedByName);
    }

    [Fact]
    public async Task Remove_KeepOne_LastMemberStaysOthersGo()
    {
        await _store.AddAsync(Member("a", "王芳", 1), _ct);
        await _store.AddAsync(Member("b", "李书记", 2), _ct);

        Assert.Equal(CommitteeRemoval.NotMember, await _store.RemoveAsync("nobody", keepOne: true, _ct));
        Assert.Equal(CommitteeRemoval.Removed, await _store.RemoveAsync("A", keepOne: true, _ct));
        Assert.Equal(CommitteeRemoval.LastMember, await _store.RemoveAsync("b", keepOne: true, _ct));
        Assert.Equal(CommitteeRemoval.Removed, await _store.RemoveAsync("b", keepOne: false, _ct));
        Assert.Empty(await _store.ListAsync(_ct));
    }

    [Fact]
    public async Task Remove_TwoAtOnceWithKeepOne_NeverEmptiesTheCommittee()
    {
        await _store.AddAsync(Member("a", "王芳", 1), _ct);
        await _store.AddAsync(Member("b", "李书记", 2), _ct);

        var results = await Task.WhenAll(_store.RemoveAsync("a", true, _ct), _store.RemoveAsync("b", true, _ct));

        Assert.Single(results, r => r == CommitteeRemoval.Removed);
        Assert.Single(await _store.ListAsync(_ct));
    }
}

public sealed class MemoryCommitteeStoreContractTests : CommitteeStoreContractTests
{
    protected override Task<ICommitteeStore> CreateAsync() => Task.FromResult<ICommitteeStore>(new MemoryCommitteeStore());
}

public sealed class TableCommitteeStoreContractTests : CommitteeStoreContractTests
{
    protected override async Task<ICommitteeStore> CreateAsync() => new CommitteeTableStore(await TestStorage.CreateAccountAsync());
}

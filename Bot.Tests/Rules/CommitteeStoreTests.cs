using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Storage.Rules;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Rules;

/// <summary>R2 "at least one member always remains", on Azurite: the committee members added in chat when no configuration member exists.</summary>
public sealed class CommitteeStoreTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private CommitteeTableStore _store = null!;

    public async Task InitializeAsync() => _store = new CommitteeTableStore(await TestStorage.CreateAccountAsync());

    public Task DisposeAsync() => Task.CompletedTask;

    private static CommitteeMember Member(string id, string name) => new(id, name, false, "张书记", DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task RemoveAsync_KeepOne_LastMemberRefusedAndStays()
    {
        await _store.AddAsync(Member("a", "王芳"), _ct);

        var outcome = await _store.RemoveAsync("a", keepOne: true, _ct);

        Assert.Equal(CommitteeRemoval.LastMember, outcome);
        Assert.Equal("王芳", Assert.Single(await _store.ListAsync(_ct)).Name);
    }

    [Fact]
    public async Task RemoveAsync_KeepOneTwoMembersRemovedTogether_ExactlyOneRemoved()
    {
        await _store.AddAsync(Member("a", "王芳"), _ct);
        await _store.AddAsync(Member("b", "李强"), _ct);

        var outcomes = await Task.WhenAll(Task.Run(() => _store.RemoveAsync("a", keepOne: true, _ct)), Task.Run(() => _store.RemoveAsync("b", keepOne: true, _ct)));

        Assert.Single(outcomes, o => o == CommitteeRemoval.Removed);
        Assert.Single(outcomes, o => o == CommitteeRemoval.LastMember);
        Assert.Single(await _store.ListAsync(_ct));
    }

    [Fact]
    public async Task RemoveAsync_WithoutKeepOne_LastStoredMemberRemoved()
    {
        await _store.AddAsync(Member("a", "王芳"), _ct);

        Assert.Equal(CommitteeRemoval.Removed, await _store.RemoveAsync("A", keepOne: false, _ct)); // ids compare case-insensitively
        Assert.Empty(await _store.ListAsync(_ct));
        Assert.Equal(CommitteeRemoval.NotMember, await _store.RemoveAsync("a", keepOne: false, _ct));
    }

    [Fact]
    public async Task AddAsync_Twice_FalseAndStoredOnce()
    {
        Assert.True(await _store.AddAsync(Member("a", "王芳"), _ct));
        Assert.False(await _store.AddAsync(Member("a", "王芳"), _ct));

        Assert.Single(await _store.ListAsync(_ct));
    }
}

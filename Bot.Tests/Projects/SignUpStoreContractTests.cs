using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Projects;

/// <summary>The ISignUpStore contract, run against the in-memory fake and the Table Storage implementation on Azurite.</summary>
public abstract class SignUpStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = ProjectSamples.Local(2025, 5, 10);
    private ISignUpStore _store = null!;

    protected abstract Task<ISignUpStore> CreateAsync();

    public async Task InitializeAsync() => _store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static SignUpRequest Request(string project, string who, int capacity = 2) => new(project, who, "志愿者" + who, "d-1", capacity, At);

    [Fact]
    public async Task SignUp_WithinCapacity_ConfirmedThenWaitlistedInOrder()
    {
        var a = await _store.SignUpAsync(Request("2025-p1", "a"), CancellationToken.None);
        var b = await _store.SignUpAsync(Request("2025-p1", "b"), CancellationToken.None);
        var c = await _store.SignUpAsync(Request("2025-p1", "c"), CancellationToken.None);
        var d = await _store.SignUpAsync(Request("2025-p1", "d"), CancellationToken.None);

        Assert.Equal([SignUpOutcome.Confirmed, SignUpOutcome.Confirmed, SignUpOutcome.Waitlisted, SignUpOutcome.Waitlisted], new[] { a, b, c, d }.Select(r => r.Outcome));
        Assert.Equal([1L, 2L, 3L, 4L], new[] { a, b, c, d }.Select(r => r.SignUp.Sequence));
        Assert.Equal(2, d.WaitlistPosition);
        Assert.Equal(new SignUpCounts(2, 2), await _store.CountAsync("2025-p1", CancellationToken.None));
    }

    [Fact]
    public async Task SignUp_Twice_ReturnsFirstWithoutDuplicate()
    {
        await _store.SignUpAsync(Request("2025-p2", "a"), CancellationToken.None);
        var again = await _store.SignUpAsync(Request("2025-p2", "a"), CancellationToken.None);

        Assert.Equal(SignUpOutcome.AlreadySignedUp, again.Outcome);
        Assert.Single(await _store.ListByProjectAsync("2025-p2", CancellationToken.None));
        Assert.Equal(new SignUpCounts(1, 0), await _store.CountAsync("2025-p2", CancellationToken.None));
    }

    [Fact]
    public async Task Cancel_Confirmed_PromotesFirstWaitlisted()
    {
        foreach (var who in new[] { "a", "b", "c", "d" })
        {
            await _store.SignUpAsync(Request("2025-p3", who), CancellationToken.None);
        }

        var result = await _store.CancelAsync("2025-p3", "a", 2, At.AddHours(1), CancellationToken.None);

        Assert.True(result.WasActive);
        Assert.Equal("c", Assert.Single(result.Promoted).VolunteerAadObjectId);
        var list = await _store.ListByProjectAsync("2025-p3", CancellationToken.None);
        Assert.Equal([SignUpStatus.Cancelled, SignUpStatus.Confirmed, SignUpStatus.Confirmed, SignUpStatus.Waitlisted], list.Select(s => s.Status));
        Assert.Equal(new SignUpCounts(2, 1), await _store.CountAsync("2025-p3", CancellationToken.None));
    }

    [Fact]
    public async Task Cancel_Waitlisted_PromotesNobody()
    {
        foreach (var who in new[] { "a", "b", "c" })
        {
            await _store.SignUpAsync(Request("2025-p4", who), CancellationToken.None);
        }

        var result = await _store.CancelAsync("2025-p4", "c", 2, At, CancellationToken.None);

        Assert.Empty(result.Promoted);
        Assert.Equal(new SignUpCounts(2, 0), await _store.CountAsync("2025-p4", CancellationToken.None));
    }

    [Fact]
    public async Task Cancel_Twice_SecondIsNoOp()
    {
        await _store.SignUpAsync(Request("2025-p5", "a"), CancellationToken.None);
        await _store.CancelAsync("2025-p5", "a", 2, At, CancellationToken.None);

        var second = await _store.CancelAsync("2025-p5", "a", 2, At, CancellationToken.None);

        Assert.False(second.WasActive);
        Assert.Equal(new SignUpCounts(0, 0), await _store.CountAsync("2025-p5", CancellationToken.None));
    }

    [Fact]
    public async Task SignUp_AfterCancel_GoesToEndOfLine()
    {
        foreach (var who in new[] { "a", "b", "c" })
        {
            await _store.SignUpAsync(Request("2025-p6", who), CancellationToken.None);
        }

        await _store.CancelAsync("2025-p6", "a", 2, At, CancellationToken.None);
        var again = await _store.SignUpAsync(Request("2025-p6", "a"), CancellationToken.None);

        Assert.Equal(SignUpOutcome.Waitlisted, again.Outcome);
        Assert.Equal(4L, again.SignUp.Sequence);
    }

    [Fact]
    public async Task ListByVolunteer_ShowsCurrentStatusAcrossProjects()
    {
        await _store.SignUpAsync(Request("2025-p7", "a"), CancellationToken.None);
        await _store.SignUpAsync(Request("2025-p8", "a"), CancellationToken.None);
        await _store.CancelAsync("2025-p8", "a", 2, At, CancellationToken.None);

        var mine = await _store.ListByVolunteerAsync("a", CancellationToken.None);

        Assert.Equal(2, mine.Count);
        Assert.Equal(SignUpStatus.Confirmed, mine.Single(s => s.ProjectId == "2025-p7").Status);
        Assert.Equal(SignUpStatus.Cancelled, mine.Single(s => s.ProjectId == "2025-p8").Status);
    }

    [Fact]
    public async Task SignUp_50Parallel_10Seats_ExactlyTenConfirmedDistinctSequences()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => _store.SignUpAsync(Request("2025-p9", "u" + i, 10), CancellationToken.None)));

        Assert.Equal(10, results.Count(r => r.Outcome == SignUpOutcome.Confirmed));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), results.Select(r => r.SignUp.Sequence).Order());
        Assert.All(results.Where(r => r.Outcome == SignUpOutcome.Confirmed), r => Assert.InRange(r.SignUp.Sequence, 1, 10));
    }
}

public sealed class MemorySignUpStoreContractTests : SignUpStoreContractTests
{
    protected override Task<ISignUpStore> CreateAsync() => Task.FromResult<ISignUpStore>(new MemorySignUpStore());
}

public sealed class TableSignUpStoreContractTests : SignUpStoreContractTests
{
    protected override async Task<ISignUpStore> CreateAsync() => new SignUpTableStore(await TestStorage.CreateAccountAsync());
}

using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Channel;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Channel;

/// <summary>The IInvokeReplays contract; runs against the in-memory fake and the Table Storage store on Azurite (without download links).</summary>
public abstract class InvokeReplaysContractTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;

    protected IInvokeReplays Replays { get; private set; } = null!;

    protected abstract Task<IInvokeReplays> CreateAsync();

    public async Task InitializeAsync() => Replays = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TryClaim_SameActivityTwice_FirstOnlyOtherKeysApart()
    {
        Assert.True(await Replays.TryClaimAsync("a:conv-1", "act-1", _ct));
        Assert.False(await Replays.TryClaimAsync("a:conv-1", "act-1", _ct));
        Assert.True(await Replays.TryClaimAsync("a:conv-1", "act-2", _ct));
        Assert.True(await Replays.TryClaimAsync("a:conv-2", "act-1", _ct));
    }

    [Fact]
    public async Task TryClaim_EightInParallel_ExactlyOneClaims()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Replays.TryClaimAsync("19:c@thread.v2", "f:1|2", _ct))));

        Assert.Single(results, r => r);
    }

    [Fact]
    public async Task Complete_ThenGet_TheAnswerUnclaimedOrUnfinishedHaveNone()
    {
        await Replays.TryClaimAsync("a:conv-1", "act-1", _ct);
        var unfinished = await Replays.GetResponseAsync("a:conv-1", "act-1", _ct);

        await Replays.CompleteAsync("a:conv-1", "act-1", """{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"已确认"}]}""", _ct);

        Assert.Null(unfinished);
        Assert.Equal("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"已确认"}]}""", await Replays.GetResponseAsync("a:conv-1", "act-1", _ct));
        Assert.Null(await Replays.GetResponseAsync("a:conv-1", "never", _ct));
    }

    [Fact]
    public async Task Complete_WithADownloadLink_StoresNoWorkingToken()
    {
        var token = "1767225600" + new string('A', 43);
        await Replays.TryClaimAsync("a:conv-1", "act-1", _ct);

        await Replays.CompleteAsync("a:conv-1", "act-1", "{\"url\":\"https://bot.example/files/" + token + "\"}", _ct);

        var stored = await Replays.GetResponseAsync("a:conv-1", "act-1", _ct);
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        Assert.Equal("{\"url\":\"https://bot.example/files/" + InvokeReplayStore.ReplayedToken + "\"}", stored);
    }

    [Fact]
    public async Task Complete_NullOrTooLarge_ClaimKeptWithoutAnswer()
    {
        await Replays.TryClaimAsync("a:conv-1", "small", _ct);
        await Replays.TryClaimAsync("a:conv-1", "large", _ct);

        await Replays.CompleteAsync("a:conv-1", "small", null, _ct);
        await Replays.CompleteAsync("a:conv-1", "large", "\"" + new string('x', 40_000) + "\"", _ct);

        Assert.Null(await Replays.GetResponseAsync("a:conv-1", "small", _ct));
        Assert.Null(await Replays.GetResponseAsync("a:conv-1", "large", _ct));
        Assert.False(await Replays.TryClaimAsync("a:conv-1", "large", _ct));
    }

    [Fact]
    public async Task Release_FailedTurn_ClaimableAgainAndReleasingTwiceIsHarmless()
    {
        await Replays.TryClaimAsync("a:conv-1", "act-1", _ct);

        await Replays.ReleaseAsync("a:conv-1", "act-1", _ct);
        await Replays.ReleaseAsync("a:conv-1", "act-1", _ct);
        await Replays.ReleaseAsync("a:conv-1", "never-claimed", _ct);

        Assert.True(await Replays.TryClaimAsync("a:conv-1", "act-1", _ct));
    }
}

public sealed class MemoryInvokeReplaysContractTests : InvokeReplaysContractTests
{
    protected override Task<IInvokeReplays> CreateAsync() => Task.FromResult<IInvokeReplays>(new MemoryInvokeReplays());
}

public sealed class TableInvokeReplaysContractTests : InvokeReplaysContractTests
{
    protected override async Task<IInvokeReplays> CreateAsync() =>
        new InvokeReplayStore(await TestStorage.CreateAccountAsync(), new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)), Options.Create(new ReplayOptions()));
}

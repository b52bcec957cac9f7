using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Photos;

/// <summary>The IHighlightStore contract, run against the in-memory fake and the Table Storage implementation on Azurite.</summary>
public abstract class HighlightStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 5, 9, 15, 0, 0, TimeSpan.FromHours(8));
    private readonly CancellationToken _ct = CancellationToken.None;
    private IHighlightStore _store = null!;

    protected abstract Task<IHighlightStore> CreateAsync();

    public async Task InitializeAsync() => _store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static Highlight Make(string id, string project, int minutes, string text = "活动圆满完成") => new()
    {
        Id = id, ProjectId = project, Text = text, PhotoIds = ["p1", "p2"], TeamId = "19:team", ChannelId = "19:channel",
        PostedByAadObjectId = "l1", PostedByName = "李强", PostedAt = At.AddMinutes(minutes),
    };

    [Fact]
    public async Task TryAdd_SameIdTwice_StoredOnceFirstKept()
    {
        Assert.True(await _store.TryAddAsync(Make("h/1", "2026-p1", 0), _ct));
        Assert.False(await _store.TryAddAsync(Make("h/1", "2026-p1", 5, "改过的文字"), _ct));

        var stored = Assert.Single(await _store.ListAsync("2026-p1", _ct));
        Assert.Equal("活动圆满完成", stored.Text);
        Assert.Equal(["p1", "p2"], stored.PhotoIds);
        Assert.Equal((At, "李强", "19:channel"), (stored.PostedAt, stored.PostedByName, stored.ChannelId));
    }

    [Fact]
    public async Task List_OneProjectOldestFirst()
    {
        await _store.TryAddAsync(Make("b", "2026-p2", 10), _ct);
        await _store.TryAddAsync(Make("a", "2026-p2", 20), _ct);
        await _store.TryAddAsync(Make("c", "2026-p3", 0), _ct);

        Assert.Equal(["b", "a"], (await _store.ListAsync("2026-p2", _ct)).Select(h => h.Id));
        Assert.Empty(await _store.ListAsync("2026-none", _ct));
    }
}

public sealed class MemoryHighlightStoreContractTests : HighlightStoreContractTests
{
    protected override Task<IHighlightStore> CreateAsync() => Task.FromResult<IHighlightStore>(new MemoryHighlightStore());
}

public sealed class TableHighlightStoreContractTests : HighlightStoreContractTests
{
    protected override async Task<IHighlightStore> CreateAsync() => new HighlightTableStore(await TestStorage.CreateAccountAsync());
}

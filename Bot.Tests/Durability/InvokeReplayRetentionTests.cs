using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Channel;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Jobs;

namespace VolunteerBot.Tests.Durability;

/// <summary>Replay rows expire after the retention (a day); the cleanup reads only the expired hours of the expiry index.</summary>
public sealed class InvokeReplayRetentionTests : IAsyncLifetime
{
    private const string Card = "{\"type\":\"AdaptiveCard\",\"body\":[{\"type\":\"TextBlock\",\"text\":\"报名成功\"}]}";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 20, 3, 15, 0, TimeSpan.Zero));
    private StorageAccount _account = null!;
    private InvokeReplayStore _store = null!;

    public async Task InitializeAsync()
    {
        _account = await TestStorage.CreateAccountAsync();
        _store = new InvokeReplayStore(_account, _time, Options.Create(new ReplayOptions()));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task DeleteExpiredAsync_PastRetention_OldRowsGoFreshRowsStay()
    {
        Assert.True(await _store.TryClaimAsync("a:conv-1", "f:old", CancellationToken.None));
        await _store.CompleteAsync("a:conv-1", "f:old", Card, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(25));
        Assert.True(await _store.TryClaimAsync("a:conv-1", "f:fresh", CancellationToken.None));
        await _store.CompleteAsync("a:conv-1", "f:fresh", Card, CancellationToken.None);

        var seen = await _store.DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(1, seen);
        Assert.Null(await _store.GetResponseAsync("a:conv-1", "f:old", CancellationToken.None));
        Assert.Equal(Card, await _store.GetResponseAsync("a:conv-1", "f:fresh", CancellationToken.None));
        Assert.False(await _store.TryClaimAsync("a:conv-1", "f:fresh", CancellationToken.None));
        Assert.Equal(["a:conv-1|f:fresh"], await IndexRowsAsync()); // the old hour's index rows went with their rows
    }

    [Fact]
    public async Task DeleteExpiredAsync_WithinRetention_ReplayStillReturnsTheStoredCard()
    {
        Assert.True(await _store.TryClaimAsync("19:team@thread.tacv2", "f:tap/1", CancellationToken.None));
        await _store.CompleteAsync("19:team@thread.tacv2", "f:tap/1", Card, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(23));

        var seen = await _store.DeleteExpiredAsync(CancellationToken.None);

        Assert.Equal(0, seen);
        Assert.False(await _store.TryClaimAsync("19:team@thread.tacv2", "f:tap/1", CancellationToken.None)); // still a replay
        Assert.Equal(Card, await _store.GetResponseAsync("19:team@thread.tacv2", "f:tap/1", CancellationToken.None));
    }

    [Fact]
    public async Task RunOnceAsync_RowsFromBeforeTheIndex_OldOnesDeletedOnceFreshOnesKept()
    {
        var table = _account.Table(StorageNames.Idempotency);
        await table.AddEntityAsync(new TableEntity("a:legacy", "f:old") { ["ClaimedAt"] = _time.GetUtcNow().AddDays(-3), ["Response"] = Card });
        await table.AddEntityAsync(new TableEntity("a:legacy", "f:recent") { ["ClaimedAt"] = _time.GetUtcNow().AddHours(-1), ["Response"] = Card });
        var cleanup = new InvokeReplayCleanupService(_store, _time, Options.Create(new ReplayOptions()), NullLogger<InvokeReplayCleanupService>.Instance);

        var deleted = await cleanup.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, deleted);
        Assert.Null(await _store.GetResponseAsync("a:legacy", "f:old", CancellationToken.None));
        Assert.Equal(Card, await _store.GetResponseAsync("a:legacy", "f:recent", CancellationToken.None)); // old layout still read
    }

    [Fact]
    public async Task RunOnceAsync_RowWithoutIndexFreshAtStart_DeletedOnceItPassesRetention()
    {
        var table = _account.Table(StorageNames.Idempotency);
        await table.AddEntityAsync(new TableEntity("a:legacy", "f:recent") { ["ClaimedAt"] = _time.GetUtcNow().AddHours(-1), ["Response"] = Card });
        var cleanup = new InvokeReplayCleanupService(_store, _time, Options.Create(new ReplayOptions()), NullLogger<InvokeReplayCleanupService>.Instance);
        Assert.Equal(0, await cleanup.RunOnceAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromHours(24)); // the row is 25 hours old now; the process has run a day
        var later = await cleanup.RunOnceAsync(CancellationToken.None);

        Assert.Equal(1, later);
        Assert.Null(await _store.GetResponseAsync("a:legacy", "f:recent", CancellationToken.None));
    }

    private async Task<List<string>> IndexRowsAsync()
    {
        var rows = new List<string>();
        await foreach (var e in _account.Table(StorageNames.IdempotencyExpiry).QueryAsync<TableEntity>())
        {
            rows.Add(e.RowKey);
        }

        return rows;
    }
}

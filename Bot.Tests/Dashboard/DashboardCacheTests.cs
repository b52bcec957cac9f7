using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Web;

namespace VolunteerBot.Tests.Dashboard;

public sealed class DashboardCacheTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GetAsync_WithinLifetime_ComputedOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new DashboardCache(time);
        var computed = 0;

        for (var i = 0; i < 3; i++)
        {
            await cache.GetAsync("k", Minute, _ => Task.FromResult(new object[] { ++computed }), default);
            time.Advance(TimeSpan.FromSeconds(19));
        }

        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task GetAsync_AfterLifetime_ComputedAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new DashboardCache(time);
        var computed = 0;

        await cache.GetAsync("k", Minute, _ => Task.FromResult(new object[] { ++computed }), default);
        time.Advance(TimeSpan.FromSeconds(61));
        var second = await cache.GetAsync("k", Minute, _ => Task.FromResult(new object[] { ++computed }), default);

        Assert.Equal(2, computed);
        Assert.Equal(2, second[0]);
    }

    [Fact]
    public async Task GetAsync_ConcurrentCallers_ShareOneComputation()
    {
        var cache = new DashboardCache(new FakeTimeProvider(DateTimeOffset.UtcNow));
        var gate = new TaskCompletionSource<object[]>();
        var computed = 0;

        var callers = Enumerable.Range(0, 5).Select(_ => cache.GetAsync("k", Minute, _ => { Interlocked.Increment(ref computed); return gate.Task; }, default)).ToList();
        gate.SetResult(["x"]);
        await Task.WhenAll(callers);

        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task GetAsync_ComputationFailed_NotKept()
    {
        var cache = new DashboardCache(new FakeTimeProvider(DateTimeOffset.UtcNow));

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync<object>("k", Minute, _ => throw new InvalidOperationException("storage down"), default));
        var after = await cache.GetAsync("k", Minute, _ => Task.FromResult(new object()), default);

        Assert.NotNull(after);
    }
}

using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Delivery.RateLimiting;

namespace VolunteerBot.Tests.Reminders;

public sealed class RateLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TokenBucket_EvenSpacing_AllowsRateNotBurst()
    {
        var bucket = new TokenBucket(50, 1, T0);

        Assert.True(bucket.TryTake(T0));
        Assert.False(bucket.TryTake(T0));
        Assert.Equal(TimeSpan.FromMilliseconds(20), bucket.WaitTime(T0));
        Assert.True(bucket.TryTake(T0.AddMilliseconds(20)));
    }

    [Fact]
    public void SlidingWindow_SevenPerSecond_EighthWaitsUntilFirstLeavesWindow()
    {
        var limit = new SlidingWindowLimit(7, TimeSpan.FromSeconds(1));
        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(TimeSpan.Zero, limit.WaitTime(T0.AddMilliseconds(i * 10)));
            limit.Record(T0.AddMilliseconds(i * 10));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(930), limit.WaitTime(T0.AddMilliseconds(70)));
        Assert.Equal(TimeSpan.Zero, limit.WaitTime(T0.AddSeconds(1)));
    }

    [Fact]
    public void ConversationLimits_SixtyPerThirtySeconds_HoldsEvenAtSevenPerSecond()
    {
        var limits = new ConversationLimits();
        var now = T0;
        var sent = new List<DateTimeOffset>();
        while (now < T0.AddSeconds(30))
        {
            var wait = limits.WaitTime("a:1", now);
            if (wait == TimeSpan.Zero)
            {
                limits.Record("a:1", now);
                sent.Add(now);
                now = now.AddMilliseconds(1);
            }
            else
            {
                now += wait;
            }
        }

        Assert.Equal(60, sent.Count(t => t < T0.AddSeconds(30)));
        Assert.All(sent, t => Assert.True(sent.Count(u => u >= t && u < t.AddSeconds(1)) <= 7));
        Assert.Equal(TimeSpan.Zero, limits.WaitTime("a:2", now)); // other conversations are independent
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Throttle_TenSecondsFlatOut_NeverMoreThanFiftyInAnySecondAndAtLeast47PerSecond(int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(T0);
        var throttle = new DeliveryThrottle(time, 50 * 0.97, burst: 1.5);
        var sent = new List<DateTimeOffset>();
        var i = 0;
        while (time.GetUtcNow() < T0.AddSeconds(10))
        {
            var now = time.GetUtcNow();
            var wait = throttle.Decide("conv-" + (i % 1000), now);
            if (wait == TimeSpan.Zero)
            {
                sent.Add(now);
                i++;
            }
            else
            {
                time.Advance(wait + TimeSpan.FromTicks(random.Next(0, 10_000))); // a timer wakes up to 1 ms late
            }
        }

        var maxInWindow = sent.Max(t => sent.Count(u => u >= t && u < t.AddSeconds(1)));
        Assert.True(maxInWindow <= 50, $"{maxInWindow} in one second");
        Assert.InRange(sent.Count / 10.0, 47, 50);
    }

    [Fact]
    public void TokenBucket_ZeroWaitOnlyWhenATokenIsThere_EvenAFractionOfATickShort()
    {
        // A bucket a hair under one token: the wait rounds below one tick, and was reported as zero — the throttle then
        // let the send through without a token, again and again at the same instant (7,000 in one second in CI).
        var random = new Random(7);
        foreach (var rate in new[] { 48.5, 50 * 0.97 / 3, 16.1666, 7.0 })
        {
            var now = T0;
            var bucket = new TokenBucket(rate, 1.5, now);
            for (var i = 0; i < 20_000; i++)
            {
                var wait = bucket.WaitTime(now);
                if (wait == TimeSpan.Zero)
                {
                    Assert.True(bucket.TryTake(now), $"rate {rate}, step {i}: zero wait but no token");
                }
                else
                {
                    now += random.Next(4) == 0 ? wait : wait + TimeSpan.FromTicks(random.Next(0, 3));
                }
            }
        }
    }

    [Fact]
    public void Throttle_PauseAfter429_BlocksEveryConversationUntilRetryAfter()
    {
        var time = new FakeTimeProvider(T0);
        var throttle = new DeliveryThrottle(time, 50);

        throttle.PauseUntil(T0.AddSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), throttle.Decide("x", T0));
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.Decide("y", T0.AddSeconds(2)));
        Assert.Equal(TimeSpan.Zero, throttle.Decide("x", T0.AddSeconds(3)));
    }

    [Fact]
    public void Throttle_ThreeInstances_EachTakesAThirdOfTheAppRate()
    {
        var time = new FakeTimeProvider(T0);
        var throttle = new DeliveryThrottle(time, 48, burst: 1);

        throttle.SetInstances(3);

        Assert.Equal(16, throttle.RatePerSecond, 3);
        Assert.Equal(TimeSpan.Zero, throttle.Decide("a", T0));
        Assert.Equal(1.0 / 16, throttle.Decide("b", T0).TotalSeconds, 3);
    }

    [Fact]
    public async Task WaitAsync_FakeClock_ReleasesOnlyWhenTimeAdvances()
    {
        var time = new FakeTimeProvider(T0);
        var throttle = new DeliveryThrottle(time, 10, burst: 1);
        await throttle.WaitAsync("a", CancellationToken.None);

        var second = throttle.WaitAsync("b", CancellationToken.None);
        Assert.False(second.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(100));
        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }
}

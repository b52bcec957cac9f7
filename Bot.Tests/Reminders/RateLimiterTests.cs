using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Delivery.RateLimiting;

namespace VolunteerBot.Tests.Reminders;

public sealed class RateLimiterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 1, 0, 0, TimeSpan.Zero);

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

    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1 / 0.99);

    /// <summary>How many of <paramref name="times"/> fall in the busiest window of one second.</summary>
    private static int BusiestSecond(List<DateTimeOffset> times)
    {
        times.Sort();
        var most = 0;
        for (int i = 0, j = 0; i < times.Count; i++)
        {
            while (times[i] - times[j] >= TimeSpan.FromSeconds(1))
            {
                j++;
            }

            most = Math.Max(most, i - j + 1);
        }

        return most;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Throttle_TenSecondsFlatOut_NeverMoreThanFiftyInAnySecondAndAtLeast49PerSecond(int seed)
    {
        var random = new Random(seed);
        var time = new FakeTimeProvider(T0);
        var throttle = new DeliveryThrottle(time, 50, Window);
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

        Assert.True(BusiestSecond(sent) <= 50, $"{BusiestSecond(sent)} in one second");
        Assert.InRange(sent.Count / 10.0, 49, 50);
    }

    [Fact]
    public void Throttle_StallEveryFiveSeconds_CatchesUpAfterwardsAndStaysUnderFifty()
    {
        // The senders cannot send for 400 ms every 5 s (a storage stall). An evenly spaced bucket loses those 400 ms
        // (about 20 sends each time); the sliding window lets them leave as soon as the stall ends.
        var time = new FakeTimeProvider(T0);
        var throttle = new DeliveryThrottle(time, 50, Window);
        var sent = new List<DateTimeOffset>();
        var i = 0;
        while (time.GetUtcNow() < T0.AddSeconds(20))
        {
            var now = time.GetUtcNow();
            var intoStall = (now - T0).TotalMilliseconds % 5000;
            if (intoStall is >= 2000 and < 2400)
            {
                time.Advance(TimeSpan.FromMilliseconds(2400 - intoStall));
                continue;
            }

            var wait = throttle.Decide("conv-" + (i % 1000), now);
            if (wait == TimeSpan.Zero)
            {
                sent.Add(now);
                i++;
            }
            else
            {
                time.Advance(wait);
            }
        }

        Assert.True(BusiestSecond(sent) <= 50, $"{BusiestSecond(sent)} in one second");
        Assert.InRange(sent.Count / 20.0, 49, 50);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void Throttle_ArrivalsJitteredByLessThanTheMargin_ConnectorNeverSeesMoreThanFiftyInASecond(int seed)
    {
        // Each request reaches Teams 0–9 ms after it left (the margin of a 1 % headroom is 10 ms).
        var random = new Random(seed);
        var time = new FakeTimeProvider(T0);
        var throttle = new DeliveryThrottle(time, 50, Window);
        var arrived = new List<DateTimeOffset>();
        var i = 0;
        while (time.GetUtcNow() < T0.AddSeconds(10))
        {
            var now = time.GetUtcNow();
            var wait = throttle.Decide("conv-" + (i++ % 1000), now);
            if (wait == TimeSpan.Zero)
            {
                arrived.Add(now + TimeSpan.FromTicks(random.Next(0, 90_000)));
            }
            else
            {
                time.Advance(wait);
            }
        }

        Assert.True(BusiestSecond(arrived) <= 50, $"{BusiestSecond(arrived)} arrived in one second");
    }

    [Fact]
    public void ConversationLimits_EightPerTwoSeconds_NinthWaitsForTheFirstToLeaveTwoSecondWindow()
    {
        var limits = new ConversationLimits();
        for (var i = 0; i < 7; i++)
        {
            limits.Record("a:1", T0.AddMilliseconds(i * 10));
        }

        Assert.Equal(TimeSpan.Zero, limits.WaitTime("a:1", T0.AddSeconds(1)));
        limits.Record("a:1", T0.AddSeconds(1)); // the eighth, in the next second
        Assert.Equal(TimeSpan.FromSeconds(1), limits.WaitTime("a:1", T0.AddSeconds(1))); // the first leaves the 2 s window at T0 + 2 s
        Assert.Equal(TimeSpan.Zero, limits.WaitTime("a:1", T0.AddSeconds(2)));
    }

    [Fact]
    public void Throttle_PauseAfter429_BlocksEveryConversationUntilRetryAfter()
    {
        var time = new FakeTimeProvider(T0);
        var throttle = new DeliveryThrottle(time, 50, Window);

        throttle.PauseUntil(T0.AddSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), throttle.Decide("x", T0));
        Assert.Equal(TimeSpan.FromSeconds(1), throttle.Decide("y", T0.AddSeconds(2)));
        Assert.Equal(TimeSpan.Zero, throttle.Decide("x", T0.AddSeconds(3)));
    }

    [Fact]
    public void Throttle_ThreeInstances_EachTakesAThirdOfTheAppRate()
    {
        var time = new FakeTimeProvider(T0);
        var throttle = new DeliveryThrottle(time, 50, TimeSpan.FromSeconds(1));

        throttle.SetInstances(3);

        Assert.Equal(16, throttle.WindowLimit);
        Assert.Equal(16, throttle.RatePerSecond, 3);
        var now = T0;
        for (var i = 0; i < 16; i++)
        {
            var wait = throttle.Decide("c" + i, now);
            if (wait > TimeSpan.Zero)
            {
                now += wait;
                wait = throttle.Decide("c" + i, now);
            }

            Assert.Equal(TimeSpan.Zero, wait);
        }

        Assert.True(now < T0.AddSeconds(0.5)); // sixteen, paced at twice the even rate
        Assert.Equal(T0.AddSeconds(1), now + throttle.Decide("d", now)); // the seventeenth waits for the first to leave the window
        throttle.SetInstances(1); // the others left: the whole budget, at once
        Assert.Equal(TimeSpan.Zero, throttle.Decide("d", now.AddMilliseconds(10)));
    }

    [Fact]
    public async Task WaitAsync_FakeClock_ReleasesOnlyWhenTimeAdvances()
    {
        var time = new FakeTimeProvider(T0);
        var throttle = new DeliveryThrottle(time, 1, TimeSpan.FromMilliseconds(100));
        await throttle.WaitAsync("a", CancellationToken.None);

        var second = throttle.WaitAsync("b", CancellationToken.None);
        Assert.False(second.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(100));
        await second.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Throttle_429sInARow_WidenTheWindowAPercentEachThenNarrowWhenCalm()
    {
        var time = new FakeTimeProvider(T0);
        var window = TimeSpan.FromSeconds(1 / 0.99); // 1 % headroom
        var throttle = new DeliveryThrottle(time, 50, window);
        Assert.Equal(window, throttle.AppWindow);

        throttle.PauseUntil(T0.AddSeconds(1)); // a 429
        throttle.PauseUntil(T0.AddSeconds(1)); // the same pause, read back from storage: no second step
        Assert.Equal(1 / 0.98, throttle.AppWindow.TotalSeconds, 4);

        time.Advance(TimeSpan.FromSeconds(2));
        throttle.PauseUntil(T0.AddSeconds(3)); // another, after the first pause ended
        time.Advance(TimeSpan.FromSeconds(2));
        throttle.PauseUntil(T0.AddSeconds(5));
        Assert.Equal(1 / 0.97, throttle.AppWindow.TotalSeconds, 4); // at most two steps

        // Fifty sends now take the widened window: the fifty-first waits until the first is 1/0.97 s old.
        var now = T0.AddSeconds(5);
        var sent = 0;
        while (sent < 50)
        {
            var wait = throttle.Decide("c" + sent, now);
            if (wait == TimeSpan.Zero)
            {
                sent++;
            }
            else
            {
                now += wait;
            }
        }

        Assert.Equal(1 / 0.97, (now + throttle.Decide("next", now) - T0.AddSeconds(5)).TotalSeconds, 3);

        // Thirty calm seconds after the last pause: one step back; thirty more: the configured window again.
        Assert.Equal(TimeSpan.Zero, throttle.Decide("later", T0.AddSeconds(36)));
        Assert.Equal(1 / 0.98, throttle.AppWindow.TotalSeconds, 4);
        Assert.Equal(TimeSpan.Zero, throttle.Decide("later2", T0.AddSeconds(67)));
        Assert.Equal(window, throttle.AppWindow);
    }
}

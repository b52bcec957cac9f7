namespace VolunteerBot.Delivery.RateLimiting;

/// <summary>
/// A token bucket on an explicit clock (pure: no timers, no locks; callers serialise). With a capacity of one
/// or two tokens the sends are spaced evenly, which is what keeps a server-side sliding one-second window under
/// its limit even when network jitter bunches requests a little.
/// </summary>
public sealed class TokenBucket
{
    private double _tokens;
    private DateTimeOffset _last;

    public TokenBucket(double ratePerSecond, double capacity, DateTimeOffset now)
    {
        SetRate(ratePerSecond);
        Capacity = capacity;
        _tokens = capacity;
        _last = now;
    }

    public double RatePerSecond { get; private set; }

    public double Capacity { get; }

    public void SetRate(double ratePerSecond)
    {
        if (ratePerSecond <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), "Rate must be positive.");
        }

        RatePerSecond = ratePerSecond;
    }

    /// <summary>How long until a token is available: zero only when one is available now, else at least one tick.</summary>
    public TimeSpan WaitTime(DateTimeOffset now)
    {
        Refill(now);
        if (_tokens >= 1)
        {
            return TimeSpan.Zero;
        }

        // A fraction of a tick short rounds to zero; zero would let a send through without a token.
        var wait = TimeSpan.FromSeconds((1 - _tokens) / RatePerSecond);
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1);
    }

    /// <summary>Takes a token if one is available now.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        Refill(now);
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }

    /// <summary>Empties the bucket (after a 429 nothing may burst out when the pause ends).</summary>
    public void Drain(DateTimeOffset now)
    {
        Refill(now);
        _tokens = Math.Min(_tokens, 0);
    }

    private void Refill(DateTimeOffset now)
    {
        if (now > _last)
        {
            _tokens = Math.Min(Capacity, _tokens + ((now - _last).TotalSeconds * RatePerSecond));
            _last = now;
        }
    }
}

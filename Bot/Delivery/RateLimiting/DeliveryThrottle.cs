namespace VolunteerBot.Delivery.RateLimiting;

/// <summary>
/// This instance's gate in front of the connector: a shared pause (after any 429, in any instance), this
/// instance's share of the app-wide 50 requests/second (50 × (1 − headroom) ÷ live instances), and the
/// per-conversation limits. <see cref="Decide"/> is pure given the clock; <see cref="WaitAsync"/> waits on the
/// <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
public sealed class DeliveryThrottle
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private readonly TokenBucket _app;
    private readonly ConversationLimits _conversations;
    private readonly double _appRate;
    private DateTimeOffset _pausedUntil;

    public DeliveryThrottle(TimeProvider time, double appRatePerSecond, int perConversationPerSecond = 7, int perConversationPer30Seconds = 60, double burst = 1.5)
    {
        _time = time;
        _appRate = appRatePerSecond;
        _app = new TokenBucket(appRatePerSecond, burst, time.GetUtcNow());
        _conversations = new ConversationLimits(perConversationPerSecond, perConversationPer30Seconds);
    }

    public int Instances { get; private set; } = 1;

    public double RatePerSecond
    {
        get
        {
            lock (_gate)
            {
                return _app.RatePerSecond;
            }
        }
    }

    public DateTimeOffset PausedUntil
    {
        get
        {
            lock (_gate)
            {
                return _pausedUntil;
            }
        }
    }

    /// <summary>The app-wide budget is split evenly between the live sender instances.</summary>
    public void SetInstances(int count)
    {
        lock (_gate)
        {
            Instances = Math.Max(1, count);
            _app.SetRate(_appRate / Instances);
        }
    }

    /// <summary>Stops every send until <paramref name="until"/> (a 429's Retry-After, here or in another instance).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_gate)
        {
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
                _app.Drain(_time.GetUtcNow());
            }
        }
    }

    /// <summary>Zero: a send to <paramref name="conversation"/> may start now (and is counted). Otherwise how long to wait.</summary>
    public TimeSpan Decide(string conversation, DateTimeOffset now)
    {
        lock (_gate)
        {
            var wait = _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
            var app = _app.WaitTime(now);
            var conv = _conversations.WaitTime(conversation, now);
            wait = Max(wait, Max(app, conv));
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            _app.TryTake(now);
            _conversations.Record(conversation, now);
            return TimeSpan.Zero;
        }
    }

    /// <summary>Waits out a shared 429 pause without taking a token (before claiming work).</summary>
    public async Task WaitForPauseAsync(CancellationToken cancellationToken)
    {
        while (PausedUntil - _time.GetUtcNow() is var left && left > TimeSpan.Zero)
        {
            await Task.Delay(left, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task WaitAsync(string conversation, CancellationToken cancellationToken)
    {
        while (true)
        {
            var wait = Decide(conversation, _time.GetUtcNow());
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            // Never less than a millisecond, so a rounding remainder cannot spin.
            await Task.Delay(Max(wait, TimeSpan.FromMilliseconds(1)), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

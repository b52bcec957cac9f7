namespace VolunteerBot.Delivery.RateLimiting;

/// <summary>
/// This instance's gate in front of the connector: a shared pause (after any 429, in any instance), this instance's
/// share of the app-wide limit, and the per-conversation limits.
/// <para>
/// The app limit is the same kind of limit Teams enforces: at most <c>AppRequestsPerSecond ÷ live instances</c>
/// requests in any sliding window of <see cref="ReminderSendingOptions.AppWindow"/> (1 s ÷ (1 − headroom)), kept as
/// the exact send times. Unlike an evenly spaced token bucket, a sliding window lets the senders catch up after a
/// stall (a slow storage call, a GC pause): the sends that could not leave during the stall leave as soon as the
/// stall ends, as long as the window still has room, so a brief stall costs no throughput and the window never
/// holds more than the limit. The catch-up is paced at twice the rate (a gap of half the even spacing between two
/// requests) rather than released all at once: a burst of concurrent requests would arrive spread out by the network,
/// and its late arrivals could share a second with the next window's first ones.
/// </para>
/// <para>
/// The margin adapts to the path: two requests 50 apart leave one window apart, so they arrive more than a second apart
/// only if the earlier one is not delayed on the way by more than the window's margin (10 ms at 1 % headroom) more than
/// the later. Each 429 (a new pause, here or in another instance) widens the window by one more percent, up to
/// <see cref="MaxWidening"/>; every <see cref="Calm"/> without one narrows it a step again. A path with little jitter
/// keeps the full rate; a jittery one gives up 1–2 % of it instead of a 1 s pause for every sender (≈ 50 messages)
/// every few seconds.
/// </para>
/// <see cref="Decide"/> is pure given the clock; <see cref="WaitAsync"/> waits on the <see cref="TimeProvider"/>,
/// so tests drive it with a fake clock.
/// </summary>
public sealed class DeliveryThrottle
{
    private readonly object _gate = new();
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly TimeProvider _time;
    private readonly double _appLimit;
    private readonly TimeSpan _appWindow;
    private readonly ConversationLimits _conversations;
    private SlidingWindowLimit _app;
    private DateTimeOffset _pausedUntil;
    private DateTimeOffset _lastSend = DateTimeOffset.MinValue;
    private int _widening;
    private DateTimeOffset _calmSince;

    /// <summary>Most extra headroom a run of 429s adds, in steps of one percent of the rate.</summary>
    public const int MaxWidening = 2;

    /// <summary>How long without a 429 before the window narrows one step.</summary>
    public static readonly TimeSpan Calm = TimeSpan.FromSeconds(30);

    public DeliveryThrottle(TimeProvider time, ReminderSendingOptions options)
        : this(time, options.AppRequestsPerSecond, options.AppWindow, options.PerConversationPerSecond, options.PerConversationPer2Seconds, options.PerConversationPer30Seconds)
    {
    }

    public DeliveryThrottle(TimeProvider time, double appLimit, TimeSpan appWindow, int perConversationPerSecond = 7, int perConversationPer2Seconds = 8, int perConversationPer30Seconds = 60)
    {
        _time = time;
        _appLimit = appLimit;
        _appWindow = appWindow;
        _app = new SlidingWindowLimit(Math.Max(1, (int)Math.Floor(appLimit)), appWindow);
        _conversations = new ConversationLimits(perConversationPerSecond, perConversationPer2Seconds, perConversationPer30Seconds);
    }

    public int Instances { get; private set; } = 1;

    /// <summary>The app window now (the configured one, widened after 429s).</summary>
    public TimeSpan AppWindow
    {
        get
        {
            lock (_gate)
            {
                return _app.Window;
            }
        }
    }

    private TimeSpan WindowFor(int widening) =>
        TimeSpan.FromTicks((long)(_appWindow.Ticks / Math.Max(0.5, 1 - (widening * 0.01 * _appWindow.Ticks / TimeSpan.TicksPerSecond))));

    /// <summary>The least time between two requests of this instance: half the even spacing (catch-up at twice the rate).</summary>
    private TimeSpan MinGap => _app.Window / (2.0 * _app.Limit);

    /// <summary>Requests this instance may send per window.</summary>
    public int WindowLimit
    {
        get
        {
            lock (_gate)
            {
                return _app.Limit;
            }
        }
    }

    /// <summary>This instance's long-run rate: its window limit over the window.</summary>
    public double RatePerSecond
    {
        get
        {
            lock (_gate)
            {
                return _app.Limit / _app.Window.TotalSeconds;
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

    /// <summary>The app-wide budget is split evenly between the live sender instances (whole requests per window).</summary>
    public void SetInstances(int count)
    {
        lock (_gate)
        {
            var instances = Math.Max(1, count);
            if (instances == Instances)
            {
                return;
            }

            Instances = instances;
            _app = _app.WithLimit(Math.Max(1, (int)Math.Floor(_appLimit / instances)));
        }
    }

    /// <summary>Stops every send until <paramref name="until"/> (a 429's Retry-After, here or in another instance).</summary>
    public void PauseUntil(DateTimeOffset until)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (until <= _pausedUntil)
            {
                return;
            }

            // A new pause (not the same one seen again, here or in storage): one step more margin.
            if (_pausedUntil <= now && _widening < MaxWidening)
            {
                _widening++;
                _app = _app.WithWindow(WindowFor(_widening));
            }

            _pausedUntil = until;
            _calmSince = until;
        }
    }

    private void NarrowIfCalm(DateTimeOffset now)
    {
        if (_widening > 0 && now - _calmSince >= Calm)
        {
            _widening--;
            _calmSince = now;
            _app = _app.WithWindow(WindowFor(_widening));
        }
    }

    /// <summary>Zero: a send to <paramref name="conversation"/> may start now (and is counted). Otherwise how long to wait.</summary>
    public TimeSpan Decide(string conversation, DateTimeOffset now)
    {
        lock (_gate)
        {
            NarrowIfCalm(now);
            var wait = _pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero;
            wait = Max(wait, Max(_app.WaitTime(now), _conversations.WaitTime(conversation, now)));
            var gap = _lastSend == DateTimeOffset.MinValue ? TimeSpan.Zero : _lastSend + MinGap - now;
            wait = Max(wait, gap);
            if (wait > TimeSpan.Zero)
            {
                return wait;
            }

            _lastSend = now;
            _app.Record(now);
            _conversations.Record(conversation, now);
            return TimeSpan.Zero;
        }
    }

    /// <summary>Waits out a shared 429 pause without taking a share of the budget (before claiming work).</summary>
    public async Task WaitForPauseAsync(CancellationToken cancellationToken)
    {
        while (PausedUntil - _time.GetUtcNow() is var left && left > TimeSpan.Zero)
        {
            await Task.Delay(left, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits out a shared 429 pause and the conversation's own limits without counting anything: the waits that may be
    /// long, done before the request takes a connection (the app slot is then taken by <see cref="WaitAsync"/>).
    /// </summary>
    public async Task WaitForOwnLimitsAsync(string conversation, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                wait = Max(_pausedUntil > now ? _pausedUntil - now : TimeSpan.Zero, _conversations.WaitTime(conversation, now));
            }

            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(Max(wait, TimeSpan.FromMilliseconds(1)), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Waits until a send to <paramref name="conversation"/> may leave, and counts it. The conversation's own limits
    /// are waited out first, each sender on its own; then the senders take turns at the app window, one waiting at a
    /// time, so thirty waiting sends do not all wake for every free slot.
    /// </summary>
    public async Task WaitAsync(string conversation, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan own;
            lock (_gate)
            {
                own = _conversations.WaitTime(conversation, _time.GetUtcNow());
            }

            if (own > TimeSpan.Zero)
            {
                await Task.Delay(Max(own, TimeSpan.FromMilliseconds(1)), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                while (true)
                {
                    var wait = Decide(conversation, _time.GetUtcNow());
                    if (wait <= TimeSpan.Zero)
                    {
                        return;
                    }

                    lock (_gate)
                    {
                        if (_conversations.WaitTime(conversation, _time.GetUtcNow()) > TimeSpan.Zero)
                        {
                            break; // another send to the same conversation went first: wait outside the turn
                        }
                    }

                    // Never less than a millisecond, so a rounding remainder cannot spin.
                    await Task.Delay(Max(wait, TimeSpan.FromMilliseconds(1)), _time, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                _turn.Release();
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

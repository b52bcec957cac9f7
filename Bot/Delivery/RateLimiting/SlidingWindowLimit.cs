namespace VolunteerBot.Delivery.RateLimiting;

/// <summary>At most <see cref="Limit"/> events in any window of <see cref="Window"/> (exact, by timestamps). Pure.</summary>
public sealed class SlidingWindowLimit(int limit, TimeSpan window)
{
    private readonly Queue<DateTimeOffset> _events = new();

    public int Limit { get; } = limit;

    public TimeSpan Window { get; } = window;

    public DateTimeOffset? LastEvent { get; private set; }

    public TimeSpan WaitTime(DateTimeOffset now)
    {
        Expire(now);
        if (_events.Count < Limit)
        {
            return TimeSpan.Zero;
        }

        // The event that must leave the window before another fits (with a lower limit, more than the oldest).
        var wait = _events.ElementAt(_events.Count - Limit) + Window - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1);
    }

    public void Record(DateTimeOffset now)
    {
        Expire(now);
        _events.Enqueue(now);
        LastEvent = now;
    }

    /// <summary>The same window with another limit, keeping the events recorded so far.</summary>
    public SlidingWindowLimit WithLimit(int newLimit)
    {
        var copy = new SlidingWindowLimit(newLimit, Window) { LastEvent = LastEvent };
        foreach (var e in _events)
        {
            copy._events.Enqueue(e);
        }

        return copy;
    }

    /// <summary>The same limit over another window, keeping the events recorded so far.</summary>
    public SlidingWindowLimit WithWindow(TimeSpan newWindow)
    {
        var copy = new SlidingWindowLimit(Limit, newWindow) { LastEvent = LastEvent };
        foreach (var e in _events)
        {
            copy._events.Enqueue(e);
        }

        return copy;
    }

    private void Expire(DateTimeOffset now)
    {
        while (_events.Count > 0 && _events.Peek() + Window <= now)
        {
            _events.Dequeue();
        }
    }
}

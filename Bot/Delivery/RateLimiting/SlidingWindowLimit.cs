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
        return _events.Count < Limit ? TimeSpan.Zero : _events.Peek() + Window - now;
    }

    public void Record(DateTimeOffset now)
    {
        Expire(now);
        _events.Enqueue(now);
        LastEvent = now;
    }

    private void Expire(DateTimeOffset now)
    {
        while (_events.Count > 0 && _events.Peek() + Window <= now)
        {
            _events.Dequeue();
        }
    }
}

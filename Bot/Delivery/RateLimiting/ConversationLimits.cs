namespace VolunteerBot.Delivery.RateLimiting;

/// <summary>
/// Teams' per-conversation limits for a bot: 7 messages per second and 60 per 30 seconds (both must hold).
/// Pure; keeps state only for conversations seen in the last 30 seconds.
/// </summary>
public sealed class ConversationLimits(int perSecond = 7, int perThirtySeconds = 60)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, (SlidingWindowLimit Short, SlidingWindowLimit Long)> _byConversation = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep;

    public int Tracked => _byConversation.Count;

    public TimeSpan WaitTime(string conversation, DateTimeOffset now)
    {
        Sweep(now);
        if (!_byConversation.TryGetValue(conversation, out var w))
        {
            return TimeSpan.Zero;
        }

        var a = w.Short.WaitTime(now);
        var b = w.Long.WaitTime(now);
        return a > b ? a : b;
    }

    public void Record(string conversation, DateTimeOffset now)
    {
        if (!_byConversation.TryGetValue(conversation, out var w))
        {
            w = (new SlidingWindowLimit(perSecond, TimeSpan.FromSeconds(1)), new SlidingWindowLimit(perThirtySeconds, Long));
            _byConversation[conversation] = w;
        }

        w.Short.Record(now);
        w.Long.Record(now);
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < Long)
        {
            return;
        }

        _lastSweep = now;
        foreach (var key in _byConversation.Where(kv => kv.Value.Long.LastEvent is { } last && now - last >= Long).Select(kv => kv.Key).ToList())
        {
            _byConversation.Remove(key);
        }
    }
}

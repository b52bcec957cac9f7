namespace VolunteerBot.Delivery.RateLimiting;

/// <summary>
/// Teams' per-conversation limits for a bot: 7 messages per second, 8 per 2 seconds and 60 per 30 seconds (all must
/// hold). Pure; keeps state only for conversations seen in the last 30 seconds.
/// </summary>
public sealed class ConversationLimits(int perSecond = 7, int perTwoSeconds = 8, int perThirtySeconds = 60)
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, SlidingWindowLimit[]> _byConversation = new(StringComparer.Ordinal);
    private DateTimeOffset _lastSweep;

    public int Tracked => _byConversation.Count;

    public TimeSpan WaitTime(string conversation, DateTimeOffset now)
    {
        Sweep(now);
        if (!_byConversation.TryGetValue(conversation, out var windows))
        {
            return TimeSpan.Zero;
        }

        var wait = TimeSpan.Zero;
        foreach (var w in windows)
        {
            var t = w.WaitTime(now);
            wait = t > wait ? t : wait;
        }

        return wait;
    }

    public void Record(string conversation, DateTimeOffset now)
    {
        if (!_byConversation.TryGetValue(conversation, out var windows))
        {
            windows =
            [
                new SlidingWindowLimit(perSecond, TimeSpan.FromSeconds(1)),
                new SlidingWindowLimit(perTwoSeconds, TimeSpan.FromSeconds(2)),
                new SlidingWindowLimit(perThirtySeconds, Long),
            ];
            _byConversation[conversation] = windows;
        }

        foreach (var w in windows)
        {
            w.Record(now);
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        if (now - _lastSweep < Long)
        {
            return;
        }

        _lastSweep = now;
        foreach (var key in _byConversation.Where(kv => kv.Value[^1].LastEvent is { } last && now - last >= Long).Select(kv => kv.Key).ToList())
        {
            _byConversation.Remove(key);
        }
    }
}

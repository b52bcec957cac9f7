using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Routing;

/// <summary>
/// Per-user fixed-window counters for the actions named by <see cref="Route.RateLimit"/>, in this instance's memory
/// (see <see cref="RateLimitOptions"/>). The router asks before running a limited handler.
/// </summary>
public sealed class UserRateLimiter(IOptions<RateLimitOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Action, string User), Window> _windows = new();

    /// <summary>True when the user may act now (and counts it); otherwise how long until the window ends.</summary>
    public bool TryAcquire(string action, string user, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var o = options.Value;
        if (!o.Enabled || !o.Rules.TryGetValue(action, out var rule) || rule.Limit <= 0 || rule.Window <= TimeSpan.Zero)
        {
            return true;
        }

        var now = time.GetUtcNow();
        if (_windows.Count > 10_000)
        {
            foreach (var (key, w) in _windows)
            {
                if (w.Ends <= now)
                {
                    _windows.TryRemove(key, out _);
                }
            }
        }

        var window = _windows.AddOrUpdate((action, user),
            _ => new Window(now + rule.Window, 1),
            (_, w) => w.Ends <= now ? new Window(now + rule.Window, 1) : w with { Count = w.Count + 1 });
        if (window.Count <= rule.Limit)
        {
            return true;
        }

        retryAfter = window.Ends - now;
        return false;
    }

    private sealed record Window(DateTimeOffset Ends, int Count);
}

using System.Net.Http.Headers;

namespace VolunteerBot.Channel.Connector;

/// <summary>Waits between connector attempts. Goes through <see cref="TimeProvider"/>; tests substitute it.</summary>
public class ConnectorDelay(TimeProvider time)
{
    public virtual Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, time, cancellationToken);
}

/// <summary>
/// The retry rules for Bot Connector calls: at most <see cref="MaxAttempts"/> attempts; 429 waits for
/// Retry-After (seconds or HTTP date, capped at <see cref="MaxRetryAfter"/>), 412/5xx/network errors back off
/// exponentially with jitter; every other status fails at once.
/// </summary>
public static class ConnectorRetry
{
    public const int MaxAttempts = 4;

    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// A user's turn waits for its replies, and Teams gives up on a turn after about 15 seconds; longer
    /// Retry-After values are cut to this so a turn never hangs for minutes.
    /// </summary>
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    private static readonly AsyncLocal<bool> SingleAttemptFlow = new();

    /// <summary>True inside <see cref="SingleAttempt"/>: calls make one attempt and surface 429/5xx at once.</summary>
    public static bool IsSingleAttempt => SingleAttemptFlow.Value;

    /// <summary>
    /// Connector calls made in the returned scope (same async flow) are tried once: a 429 (with its Retry-After
    /// on <see cref="ConnectorException.RetryAfter"/>), 5xx or network error is thrown at once. The reminder
    /// sender uses it: it retries through its queue and pauses every sender on a 429.
    /// </summary>
    public static IDisposable SingleAttempt()
    {
        var previous = SingleAttemptFlow.Value;
        SingleAttemptFlow.Value = true;
        return new Restore(previous);
    }

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => SingleAttemptFlow.Value = previous;
    }

    public static bool IsRetryable(int status) => status == 412 || status >= 500;

    /// <summary>Attempt 1 → about 0.5 s, 2 → 1 s, 3 → 2 s, each scaled by a random factor in [0.5, 1).</summary>
    public static TimeSpan Backoff(int attempt)
    {
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1);
#pragma warning disable CA5394 // jitter, not security
        return TimeSpan.FromMilliseconds(exponential * (0.5 + (Random.Shared.NextDouble() * 0.5)));
#pragma warning restore CA5394
    }

    /// <summary>The wait a 429 asks for; falls back to <see cref="Backoff"/> when it names none.</summary>
    public static TimeSpan RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now, int attempt)
    {
        TimeSpan? asked = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
        if (asked is null)
        {
            return Backoff(attempt);
        }

        return asked.Value < TimeSpan.Zero ? TimeSpan.Zero : asked.Value > MaxRetryAfter ? MaxRetryAfter : asked.Value;
    }
}

using System.Collections.Concurrent;

namespace VolunteerBot.Web;

/// <summary>
/// Answers kept per instance for <see cref="DashboardOptions.CacheFor"/> on the injected clock. Concurrent callers of
/// a missing or expired key share one computation; a failed computation is not kept.
/// </summary>
public sealed class DashboardCache(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public async Task<T> GetAsync<T>(string key, TimeSpan lifetime, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
        where T : class
    {
        var now = time.GetUtcNow();
        while (true)
        {
            var entry = _entries.GetOrAdd(key, _ => new Entry(now + lifetime, new Lazy<Task<object>>(async () => await compute(CancellationToken.None).ConfigureAwait(false))));
            if (entry.Expires <= now && entry.Value.IsValueCreated && entry.Value.Value.IsCompleted)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                continue;
            }

            try
            {
                return (T)await entry.Value.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
                throw;
            }
        }
    }

    /// <summary>Drops every answer (tests; a deployment never needs it: answers expire by themselves).</summary>
    public void Clear() => _entries.Clear();

    private sealed record Entry(DateTimeOffset Expires, Lazy<Task<object>> Value);
}

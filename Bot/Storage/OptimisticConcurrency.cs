using Azure;

namespace VolunteerBot.Storage;

/// <summary>
/// Read-modify-write with the entity's ETag: a 412 (someone else wrote first) or a 409 on insert is
/// retried from a fresh read, so parallel updates never overwrite each other.
/// </summary>
public static class OptimisticConcurrency
{
    public const int MaxAttempts = 50;

    public static Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken) =>
        RunAsync(attempt, MaxAttempts, cancellationToken);

    /// <summary>As above with a higher bound, for a hot row many writers contend for (a popular project's sign-up counter).</summary>
    public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> attempt, int maxAttempts, CancellationToken cancellationToken)
    {
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when ((ex.Status == 412 || ex.Status == 409) && i < maxAttempts)
            {
                // Small jittered pause so racing writers spread out; no fixed sleep in a test depends on it.
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(i, 10)), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}

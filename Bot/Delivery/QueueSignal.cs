namespace VolunteerBot.Delivery;

/// <summary>
/// Wakes this process's idle sender when this process has just put messages on the delivery queue (a turn's
/// notifications, a fan-out chunk), so they go out at once instead of after the idle poll. Messages put by other
/// instances are still found by polling. Take <see cref="Next"/> BEFORE looking at the queue: a pulse after that
/// completes it, so no wake-up is lost.
/// </summary>
public sealed class QueueSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}

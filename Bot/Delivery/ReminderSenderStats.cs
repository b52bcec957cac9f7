namespace VolunteerBot.Delivery;

/// <summary>Counters of this process's sender (for logs, the benchmark and tests).</summary>
public sealed class ReminderSenderStats
{
    private long _sent;
    private long _unreachable;
    private long _failed;
    private long _throttled;
    private long _retried;
    private long _duplicates;
    private long _deadLettered;
    private long _fastClaims;

    public long Sent => Interlocked.Read(ref _sent);
    public long Unreachable => Interlocked.Read(ref _unreachable);
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>429 answers received.</summary>
    public long Throttled => Interlocked.Read(ref _throttled);

    /// <summary>5xx / network failures put back for a later attempt.</summary>
    public long Retried => Interlocked.Read(ref _retried);

    /// <summary>Queue messages whose recipient was already final: deleted without sending.</summary>
    public long DuplicatesSuppressed => Interlocked.Read(ref _duplicates);
    public long DeadLettered => Interlocked.Read(ref _deadLettered);

    /// <summary>Rows claimed with the ETag carried by their queue message, without reading the row first.</summary>
    public long FastClaims => Interlocked.Read(ref _fastClaims);

    internal void AddSent() => Interlocked.Increment(ref _sent);
    internal void AddUnreachable() => Interlocked.Increment(ref _unreachable);
    internal void AddFailed() => Interlocked.Increment(ref _failed);
    internal void AddThrottled() => Interlocked.Increment(ref _throttled);
    internal void AddRetried() => Interlocked.Increment(ref _retried);
    internal void AddDuplicate() => Interlocked.Increment(ref _duplicates);
    internal void AddDeadLettered() => Interlocked.Increment(ref _deadLettered);
    internal void AddFastClaim() => Interlocked.Increment(ref _fastClaims);

    public override string ToString() =>
        $"sent={Sent} unreachable={Unreachable} failed={Failed} 429={Throttled} retried={Retried} duplicatesSuppressed={DuplicatesSuppressed} deadLettered={DeadLettered} fastClaims={FastClaims}";
}

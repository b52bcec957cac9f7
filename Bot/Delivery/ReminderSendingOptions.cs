namespace VolunteerBot.Delivery;

/// <summary>
/// The <c>Reminders:Sending</c> section: Teams' limits and the queue sender's tuning. The defaults keep the
/// whole app at 97 % of Teams' 50 requests per second per app per tenant.
/// </summary>
public sealed class ReminderSendingOptions
{
    public const string Section = "Reminders:Sending";

    /// <summary>Teams: 50 requests per second per bot per tenant (all instances together).</summary>
    public double AppRequestsPerSecond { get; set; } = 50;

    /// <summary>Fraction of the app limit kept free for jitter and for the bot's own replies.</summary>
    public double Headroom { get; set; } = 0.03;

    /// <summary>Teams: 7 messages per second per conversation.</summary>
    public int PerConversationPerSecond { get; set; } = 7;

    /// <summary>Teams: 60 messages per 30 seconds per conversation.</summary>
    public int PerConversationPer30Seconds { get; set; } = 60;

    /// <summary>Sends in flight per instance (storage round trips per message are the latency to hide; the rate limit, not this, bounds throughput).</summary>
    public int Concurrency { get; set; } = 32;

    /// <summary>Messages fetched per queue call (Azure allows at most 32).</summary>
    public int BatchSize { get; set; } = 32;

    /// <summary>How long a fetched message stays invisible to other senders.</summary>
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Longest a claimed send may take (throttle waits, 429 pauses and connector retries included) before it is
    /// abandoned. Must be shorter than <see cref="SendingLease"/>.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// A row stuck in Sending longer than this belongs to a sender that died: it may be taken over. Longer than
    /// <see cref="SendTimeout"/>, so a send that is merely slow is never taken over (and so never sent twice).
    /// </summary>
    public TimeSpan SendingLease { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>5xx / network failures before a recipient is marked failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>A message dequeued more often than this is poison: dead-lettered with the reason.</summary>
    public int MaxDequeueCount { get; set; } = 10;

    /// <summary>First retry delay after a 5xx; doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Used when a 429 carries no Retry-After.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Pause between empty queue polls (grows to 5× while idle).</summary>
    public TimeSpan IdlePoll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an instance renews its heartbeat and recounts the live senders.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A sender whose heartbeat is older than this no longer takes a share of the budget.</summary>
    public TimeSpan InstanceTimeToLive { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often the shared 429 pause is read from storage.</summary>
    public TimeSpan PausePoll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Token bucket capacity (1.5: even spacing, with room to carry a timer's overshoot).</summary>
    public double Burst { get; set; } = 1.5;

    /// <summary>Off switch for the sender in this instance (e.g. a web-only instance).</summary>
    public bool Enabled { get; set; } = true;

    public double EffectiveAppRate => AppRequestsPerSecond * (1 - Headroom);
}

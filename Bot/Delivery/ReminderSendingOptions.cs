namespace VolunteerBot.Delivery;

/// <summary>
/// The <c>Reminders:Sending</c> section: Teams' limits and the queue sender's tuning. The defaults keep the
/// whole app at 99 % of Teams' 50 requests per second per app per tenant.
/// </summary>
public sealed class ReminderSendingOptions
{
    public const string Section = "Reminders:Sending";

    /// <summary>Teams: 50 requests per second per bot per tenant (all instances together).</summary>
    public double AppRequestsPerSecond { get; set; } = 50;

    /// <summary>
    /// Fraction of the app limit kept free: the sender allows <see cref="AppRequestsPerSecond"/> requests per window of
    /// 1 s ÷ (1 − headroom), so two requests 50 apart leave at least that window apart and arrive more than 1 s apart
    /// unless the network delays the first by more than the margin (10 ms at 0.01) more than the second.
    /// </summary>
    public double Headroom { get; set; } = 0.01;

    /// <summary>Teams: 7 messages per second per conversation.</summary>
    public int PerConversationPerSecond { get; set; } = 7;

    /// <summary>Teams: 8 messages per 2 seconds per conversation.</summary>
    public int PerConversationPer2Seconds { get; set; } = 8;

    /// <summary>Teams: 60 messages per 30 seconds per conversation.</summary>
    public int PerConversationPer30Seconds { get; set; } = 60;

    /// <summary>
    /// Sends in flight per instance (storage round trips per message are the latency to hide; the rate limit, not this,
    /// bounds throughput). Rows are claimed when fetched, so during a storage stall every worker can still send one
    /// message before it waits on its mark: 64 workers keep the requests flowing through a stall of about 1.3 s.
    /// </summary>
    public int Concurrency { get; set; } = 64;

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
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A sender whose heartbeat is older than this no longer takes a share of the budget (an instance that vanished
    /// without stopping; a restarted one replaces its own entry at once, see <see cref="InstanceId"/>).
    /// </summary>
    public TimeSpan InstanceTimeToLive { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// This instance's stable name across restarts (default: WEBSITE_INSTANCE_ID, else the machine name). A restarted
    /// process with the same name replaces its predecessor in the budget at once and takes back the messages the
    /// dead process held. Two processes running at the same time on one machine never share it (a lock file; the
    /// second gets a name of its own); on different machines or App Service slots give each a different one.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>How often the urgent lane (notifications) is read while the bulk lane keeps the senders busy.</summary>
    public TimeSpan UrgentPoll { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the shared 429 pause is read from storage.</summary>
    public TimeSpan PausePoll { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The fan-out yields to the senders while the bulk lane holds more than this many messages (about a minute of
    /// sending at 50/s): between chunks of rows it waits, once the lane holds more, until half has gone; before planning
    /// (reading every profile) it waits until the lane holds at most a quarter. The senders then never run out of work,
    /// and a restarted process that resumes its dead predecessor's fan-out does not re-plan (read every profile) and
    /// write rows on the same storage account while thousands of messages are still waiting to be sent. 0 turns it off.
    /// </summary>
    public int FanOutAhead { get; set; } = 3000;

    /// <summary>Off switch for the sender in this instance (e.g. a web-only instance).</summary>
    public bool Enabled { get; set; } = true;

    public double EffectiveAppRate => AppRequestsPerSecond * (1 - Headroom);

    /// <summary>The app window: <see cref="AppRequestsPerSecond"/> requests at most in any window this long.</summary>
    public TimeSpan AppWindow => TimeSpan.FromSeconds(1 / (1 - Headroom));
}

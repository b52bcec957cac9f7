namespace VolunteerBot.Storage;

/// <summary>The <c>Replay</c> section: how long a tap's replay row is kept, and its cleanup.</summary>
public sealed class ReplayOptions
{
    public const string Section = "Replay";

    /// <summary>Rows are kept at least this long (Teams retries within seconds) and deleted within the next hour after.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(1);

    public bool CleanupEnabled { get; set; } = true;

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Wait after start before the first cleanup (lets storage initialise first).</summary>
    public TimeSpan CleanupInitialDelay { get; set; } = TimeSpan.FromMinutes(2);
}

namespace VolunteerBot.Dialogs.Options;

/// <summary>One per-user limit: at most <see cref="Limit"/> turns of an action in a fixed <see cref="Window"/>.</summary>
public sealed class RateLimitRule
{
    public int Limit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The <c>RateLimits</c> section: per-user limits on the costly or noisy actions (<c>RateLimits__Rules__certificate__Limit</c> …).
/// Counted per instance in a fixed window (cheap, no storage); with N instances a user may get up to N× the limit.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    public bool Enabled { get; set; } = true;

    public Dictionary<string, RateLimitRule> Rules { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["certificate"] = new() { Limit = 10 },
        ["export"] = new() { Limit = 10 },
        ["feedback"] = new() { Limit = 10 },
        ["photo"] = new() { Limit = 30 },
        ["reminders"] = new() { Limit = 3 },
    };
}

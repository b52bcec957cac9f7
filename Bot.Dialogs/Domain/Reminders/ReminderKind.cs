namespace VolunteerBot.Dialogs.Domain.Reminders;

/// <summary>The quarterly reminder runs (R5: at least one activity every quarter), plus a committee-forced run.</summary>
public enum ReminderKind
{
    /// <summary>First working day of the quarter (季度启动).</summary>
    KickOff,

    /// <summary>Mid-quarter check (季度中期检查).</summary>
    MidQuarter,

    /// <summary>Two weeks before the quarter ends (季末提醒).</summary>
    FinalCall,

    /// <summary>Started by the committee with 立即提醒; content as the mid-quarter check.</summary>
    Manual,

    /// <summary>A project announcement (项目公告): a broadcast from a turn, sent through the same queue.</summary>
    Announcement,
}

public static class ReminderKinds
{
    public static string Slug(this ReminderKind kind) => kind switch
    {
        ReminderKind.KickOff => "kickoff",
        ReminderKind.MidQuarter => "mid",
        ReminderKind.FinalCall => "final",
        ReminderKind.Announcement => "announce",
        _ => "manual",
    };

    public static ReminderKind? FromSlug(string? slug) => slug switch
    {
        "kickoff" => ReminderKind.KickOff,
        "mid" => ReminderKind.MidQuarter,
        "final" => ReminderKind.FinalCall,
        _ when slug?.StartsWith("announce", StringComparison.Ordinal) == true => ReminderKind.Announcement,
        _ when slug?.StartsWith("manual", StringComparison.Ordinal) == true => ReminderKind.Manual,
        _ => null,
    };
}

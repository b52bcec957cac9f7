using System.Globalization;

namespace VolunteerBot.Dialogs.Domain.Reminders;

/// <summary>
/// The <c>Reminders</c> configuration section: when the quarterly runs happen and which days are working days.
/// China's public holidays move every year (lunar calendar and 调休): <see cref="Holidays"/> and
/// <see cref="ExtraWorkdays"/> must be updated each year from the State Council notice
/// (国务院办公厅关于XXXX年部分节假日安排的通知, published around November). See docs/reminders.md.
/// </summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Month-day holidays assumed every year when nothing else is configured: 元旦, 劳动节 (5 days), 国庆节 (7 days).</summary>
    public static readonly IReadOnlyList<string> DefaultFixedHolidays =
        ["01-01", "05-01", "05-02", "05-03", "05-04", "05-05", "10-01", "10-02", "10-03", "10-04", "10-05", "10-06", "10-07"];

    /// <summary>Off switch for the scheduled runs (the committee can still force a run).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Local time (Volunteering:TimeZone) of every run.</summary>
    public TimeOnly SendAt { get; set; } = new(9, 0);

    public bool KickOffEnabled { get; set; } = true;

    public bool MidQuarterEnabled { get; set; } = true;

    public bool FinalCallEnabled { get; set; } = true;

    /// <summary>Mid-quarter check: the first working day on or after this day of the quarter (1 = first day).</summary>
    public int MidQuarterDay { get; set; } = 45;

    /// <summary>Final call: the first working day on or after (last day of the quarter − this many days).</summary>
    public int FinalCallDaysBeforeEnd { get; set; } = 14;

    /// <summary>A run missed while no instance was up is still made when one comes back within this window.</summary>
    public TimeSpan CatchUpWindow { get; set; } = TimeSpan.FromDays(7);

    /// <summary>"MM-dd" holidays of every year; null means <see cref="DefaultFixedHolidays"/>.</summary>
    public List<string>? FixedHolidays { get; set; }

    /// <summary>Dated public holidays (放假日期) from the State Council notice, e.g. 2026-02-16.</summary>
    public List<DateOnly>? Holidays { get; set; }

    /// <summary>Weekend days that are working days (调休上班), e.g. 2026-02-14. They win over everything else.</summary>
    public List<DateOnly>? ExtraWorkdays { get; set; }

    public IEnumerable<(int Month, int Day)> ParsedFixedHolidays()
    {
        foreach (var text in FixedHolidays ?? [.. DefaultFixedHolidays])
        {
            if (DateOnly.TryParseExact("2000-" + text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                yield return (d.Month, d.Day);
            }
        }
    }

    public bool IsValid(out string? error)
    {
        error = null;
        if (MidQuarterDay is < 1 or > 90)
        {
            error = "Reminders:MidQuarterDay must be between 1 and 90.";
        }
        else if (FinalCallDaysBeforeEnd is < 0 or > 80)
        {
            error = "Reminders:FinalCallDaysBeforeEnd must be between 0 and 80.";
        }
        else if ((FixedHolidays ?? []).Any(h => !DateOnly.TryParseExact("2000-" + h.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
        {
            error = "Reminders:FixedHolidays entries must be MM-dd.";
        }

        return error is null;
    }
}

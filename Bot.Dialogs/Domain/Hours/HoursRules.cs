using System.Globalization;

namespace VolunteerBot.Dialogs.Domain.Hours;

/// <summary>
/// Input rules for hours and dates. Each problem is a text key (hours.json) shown under its field. Hours are
/// more than 0, at most 24 a day, in half-hour steps; no date in the future, before the project started or
/// after it ended.
/// </summary>
public static class HoursRules
{
    public const decimal MaxPerDay = 24m;
    public const int ContentMax = 200;
    public const int ReasonMax = 200;

    /// <summary>Parses hours as typed ("3", "2.5", "3.0"); null when unreadable.</summary>
    public static decimal? Parse(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var h) ? h : null;

    /// <summary>The error key for an hours value, or null when it is fine.</summary>
    public static string? CheckHours(decimal? hours) => hours switch
    {
        null => "hours.error.hours.missing",
        <= 0 => "hours.error.hours.positive",
        > MaxPerDay => "hours.error.hours.max",
        _ when hours.Value * 2 != decimal.Truncate(hours.Value * 2) => "hours.error.hours.step",
        _ => null,
    };

    /// <summary>Hours already recorded that day (other records, rejected ones excluded) plus these stay within 24.</summary>
    public static bool FitsDay(decimal hours, IEnumerable<ServiceRecord> sameDay, string recordId) =>
        sameDay.Where(r => r.Id != recordId && r.Status != RecordStatus.Rejected).Sum(r => r.Hours) + hours <= MaxPerDay;

    /// <summary>The error key for a service date, or null: not in the future, within the activity's days when there is one.</summary>
    public static string? CheckDate(DateOnly? date, DateOnly today, DateOnly? activityStart, DateOnly? activityEnd) => date switch
    {
        null => "hours.error.date.missing",
        _ when date > today => "hours.error.date.future",
        _ when activityStart is not null && date < activityStart => "hours.error.date.beforeProject",
        _ when activityEnd is not null && date > activityEnd => "hours.error.date.afterProject",
        _ => null,
    };

    /// <summary>Hours between two instants rounded down to the half hour, at most 24: the default on the liaison's card.</summary>
    public static decimal DefaultFor(DateTimeOffset start, DateTimeOffset end)
    {
        var hours = (decimal)(end - start).TotalHours;
        var halves = decimal.Floor(hours * 2) / 2;
        return Math.Clamp(halves, 0.5m, MaxPerDay);
    }

    public static string Format(decimal hours) => hours.ToString("0.#", CultureInfo.InvariantCulture);
}

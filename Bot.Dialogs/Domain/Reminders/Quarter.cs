using System.Globalization;
using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Dialogs.Domain.Reminders;

/// <summary>
/// A calendar quarter (季度) in the department's time zone, the one type for quotas, the digest, reminders and photo
/// archives. Id "2026Q4" keys runs and digests and is the value of quarter choices on cards. It stays in this
/// namespace because bench/Bot.Benchmarks uses it from here.
/// </summary>
public readonly record struct Quarter(int Year, int Number) : IComparable<Quarter>
{
    public static Quarter Of(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    /// <summary>The quarter an instant falls in, on the calendar of <paramref name="zone"/> (Asia/Shanghai).</summary>
    public static Quarter Of(DateTimeOffset instant, TimeZoneInfo zone) =>
        Of(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime));

    public DateOnly FirstDay => new(Year, ((Number - 1) * 3) + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    /// <summary>Local midnight of the first day, on the calendar of <paramref name="zone"/>.</summary>
    public DateTimeOffset StartIn(TimeZoneInfo zone) => ProjectCalendar.LocalMidnight(FirstDay, zone);

    /// <summary>The (exclusive) end: local midnight of the next quarter's first day.</summary>
    public DateTimeOffset EndIn(TimeZoneInfo zone) => Next.StartIn(zone);

    public Quarter Next => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);

    public Quarter Previous => Number == 1 ? new Quarter(Year - 1, 4) : new Quarter(Year, Number - 1);

    public string Id => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Number}");

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (text is not { Length: 6 } || text[4] is not ('Q' or 'q')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || text[5] is < '1' or > '4')
        {
            return false;
        }

        quarter = new Quarter(year, text[5] - '0');
        return true;
    }

    public int CompareTo(Quarter other) => (Year, Number).CompareTo((other.Year, other.Number));

    public override string ToString() => Id;
}

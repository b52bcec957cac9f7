using VolunteerBot.Dialogs.Domain.Reminders;

namespace VolunteerBot.Dialogs.Domain.Calendar;

/// <summary>
/// Working days in mainland China: Monday to Friday, minus public holidays, plus adjusted weekend
/// workdays (调休). An adjusted workday wins over a holiday or a weekend.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _extraWorkdays;
    private readonly HashSet<(int Month, int Day)> _fixed;

    public WorkingDayCalendar(IEnumerable<DateOnly> holidays, IEnumerable<DateOnly> extraWorkdays, IEnumerable<(int Month, int Day)> fixedHolidays)
    {
        _holidays = [.. holidays];
        _extraWorkdays = [.. extraWorkdays];
        _fixed = [.. fixedHolidays];
    }

    /// <summary>Monday to Friday, no holidays: for tests and tools that configure none.</summary>
    public static WorkingDayCalendar MondayToFriday { get; } = new([], [], []);

    public static WorkingDayCalendar From(ReminderOptions options) =>
        new(options.Holidays ?? [], options.ExtraWorkdays ?? [], options.ParsedFixedHolidays());

    public bool IsWorkingDay(DateOnly date)
    {
        if (_extraWorkdays.Contains(date))
        {
            return true;
        }

        if (_holidays.Contains(date) || _fixed.Contains((date.Month, date.Day)))
        {
            return false;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>The first working day on or after <paramref name="date"/> (the longest Chinese break is 9 days).</summary>
    public DateOnly FirstWorkingDayOnOrAfter(DateOnly date)
    {
        for (var d = date; d < date.AddDays(40); d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                return d;
            }
        }

        throw new InvalidOperationException($"No working day within 40 days of {date:yyyy-MM-dd}; check Reminders:Holidays.");
    }

    /// <summary>Working days after <paramref name="after"/> up to and including <paramref name="through"/>.</summary>
    public int Between(DateOnly after, DateOnly through)
    {
        var count = 0;
        for (var d = after.AddDays(1); d <= through; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The <paramref name="n"/>th working day after <paramref name="day"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly day, int n)
    {
        var d = day;
        while (n > 0)
        {
            d = d.AddDays(1);
            if (IsWorkingDay(d))
            {
                n--;
            }
        }

        return d;
    }
}

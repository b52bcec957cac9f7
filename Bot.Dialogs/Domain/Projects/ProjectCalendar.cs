namespace VolunteerBot.Dialogs.Domain.Projects;

/// <summary>A calendar quarter (季度) in the department's time zone.</summary>
public readonly record struct Quarter(int Year, int Number)
{
    public static Quarter Of(DateTimeOffset instant, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        return new Quarter(local.Year, ((local.Month - 1) / 3) + 1);
    }

    public DateTimeOffset StartIn(TimeZoneInfo zone) => ProjectCalendar.LocalMidnight(new DateOnly(Year, ((Number - 1) * 3) + 1, 1), zone);

    public DateTimeOffset EndIn(TimeZoneInfo zone) => Next.StartIn(zone);

    public Quarter Next => Number == 4 ? new Quarter(Year + 1, 1) : new Quarter(Year, Number + 1);

    public override string ToString() => $"{Year}Q{Number}";
}

/// <summary>Local dates and times in the department's zone (Asia/Shanghai).</summary>
public static class ProjectCalendar
{
    public static DateTimeOffset LocalMidnight(DateOnly date, TimeZoneInfo zone) => At(date, TimeOnly.MinValue, zone);

    public static DateTimeOffset At(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    public static DateTimeOffset ToLocal(DateTimeOffset instant, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(instant, zone);

    public static DateOnly LocalDate(DateTimeOffset instant, TimeZoneInfo zone) => DateOnly.FromDateTime(ToLocal(instant, zone).DateTime);

    public static DateTimeOffset YearStart(int year, TimeZoneInfo zone) => LocalMidnight(new DateOnly(year, 1, 1), zone);
}

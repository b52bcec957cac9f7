namespace VolunteerBot.Dialogs.Domain.Projects;

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

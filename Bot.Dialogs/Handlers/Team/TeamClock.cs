using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>Today's date in the department's time zone (Asia/Shanghai), from the injected clock.</summary>
internal static class TeamClock
{
    public static DateOnly Today(TimeProvider time, VolunteeringOptions options) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.Zone).DateTime);

    public static string Format(DateTimeOffset at, VolunteeringOptions options) =>
        TimeZoneInfo.ConvertTime(at, options.Zone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}

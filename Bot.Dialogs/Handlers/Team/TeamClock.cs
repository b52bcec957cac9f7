using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>Today's date in the department's time zone (Asia/Shanghai), from the injected clock.</summary>
internal static class TeamClock
{
    public static DateOnly Today(TimeProvider time, VolunteeringOptions options) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.Zone).DateTime);

    /// <summary>A local time to the minute in the reader's pattern (Resources/&lt;lang&gt;/format.json).</summary>
    public static string Format(Localizer L, DateTimeOffset at, VolunteeringOptions options) => L.DateTime(TimeZoneInfo.ConvertTime(at, options.Zone));
}

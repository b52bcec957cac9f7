using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>The <c>CheckIn:HoursSweep</c> section.</summary>
public sealed class CheckInHoursOptions() : PeriodicOptions(TimeSpan.FromMinutes(15))
{
    public const string Section = "CheckIn:HoursSweep";
}

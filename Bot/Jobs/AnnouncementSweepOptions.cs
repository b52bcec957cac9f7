using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>The <c>Reminders:AnnouncementSweep</c> section.</summary>
/// <remarks>Every 5 minutes, open projects are checked for an announcement that was never started.</remarks>
public sealed class AnnouncementSweepOptions() : PeriodicOptions(TimeSpan.FromMinutes(5))
{
    public const string Section = "Reminders:AnnouncementSweep";

    /// <summary>A project opened (or approved) less than this long ago is left to the turn that is announcing it now.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromMinutes(2);
}

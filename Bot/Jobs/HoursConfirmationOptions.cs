using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>The <c>Hours:ConfirmationSweep</c> section.</summary>
/// <remarks>Every 15 minutes, ended activities are checked.</remarks>
public sealed class HoursConfirmationOptions() : PeriodicOptions(TimeSpan.FromMinutes(15))
{
    public const string Section = "Hours:ConfirmationSweep";
}

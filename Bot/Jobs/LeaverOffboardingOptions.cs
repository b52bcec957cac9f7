using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>The <c>Privacy:LeaverOffboarding</c> section: roster leavers are erased (PIPL) after <see cref="GraceDays"/>.</summary>
/// <remarks>Every 6 hours the roster is read for leavers past the grace period.</remarks>
public sealed class LeaverOffboardingOptions() : PeriodicOptions(TimeSpan.FromHours(6))
{
    public const string Section = "Privacy:LeaverOffboarding";

    /// <summary>
    /// Days after a person left the roster (<c>StaffRecord.LeftAt</c>) before their profile is erased: time to correct a
    /// mistaken import, and to issue a last certificate. Service records stay either way.
    /// </summary>
    public int GraceDays { get; set; } = 30;
}

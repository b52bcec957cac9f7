using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>The <c>Dashboard:Totals</c> section: the job that keeps the monthly totals the trends page reads.</summary>
public sealed class DashboardTotalsOptions() : PeriodicOptions(TimeSpan.FromMinutes(5))
{
    public const string Section = "Dashboard:Totals";

    /// <summary>A month older than last month is recomputed (one per pass, stalest first) once its totals are this old.</summary>
    public TimeSpan RefreshOlderAfter { get; set; } = TimeSpan.FromHours(1);
}

using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Dashboard;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Hosting;

namespace VolunteerBot.Jobs;

/// <summary>
/// Keeps the dashboard's monthly totals per division (trends page) from the month copies of the service records, so no
/// request ever reads a month of records: every <see cref="DashboardTotalsOptions.Interval"/> it recomputes this month
/// and last month, months of the 12-month window never computed, and the stalest older month
/// (<see cref="DashboardCalculator.MonthsDue"/>). Every instance may run it: a pass replaces whole months, idempotently.
/// </summary>
public sealed partial class DashboardTotalsService(IDashboardStore store, TimeProvider time, IOptions<DashboardTotalsOptions> options,
    IOptions<VolunteeringOptions> volunteering, ILogger<DashboardTotalsService> logger) : PeriodicService(time)
{
    protected override PeriodicSchedule Schedule => options.Value.Schedule;

    /// <summary>One pass: returns the months recomputed ("yyyyMM").</summary>
    public async Task<IReadOnlyList<string>> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var today = ProjectCalendar.LocalDate(now, volunteering.Value.Zone);
        var window = DashboardCalculator.TrendMonthKeys(today);
        var existing = await store.ListMonthTotalsAsync(window[0], window[^1], cancellationToken).ConfigureAwait(false);
        var due = DashboardCalculator.MonthsDue(today, existing.ComputedAt, now, options.Value.RefreshOlderAfter);
        foreach (var month in due)
        {
            var records = await store.ListMonthForTotalsAsync(month, cancellationToken).ConfigureAwait(false);
            await store.ReplaceMonthAsync(month, DashboardCalculator.MonthTotals(month, records), Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        }

        return due;
    }

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        var months = await RunOnceAsync(cancellationToken).ConfigureAwait(false);
        LogComputed(string.Join(',', months));
    }

    protected override void OnFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(EventId = 9010, Level = LogLevel.Debug, Message = "Dashboard monthly totals recomputed for {Months}")]
    private partial void LogComputed(string months);

    [LoggerMessage(EventId = 9011, Level = LogLevel.Warning, Message = "Dashboard monthly totals pass failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}

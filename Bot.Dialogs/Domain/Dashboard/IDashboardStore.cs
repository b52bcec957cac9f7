namespace VolunteerBot.Dialogs.Domain.Dashboard;

/// <summary>One division's service in one month (a row of the dashboard's monthly totals, kept by a periodic job).</summary>
public sealed record MonthDivisionTotal(string Month, string DivisionId, decimal Hours, decimal PendingHours, int Participants, int Records);

/// <summary>The monthly totals of a range of months and when each month was last computed ("yyyyMM" → instant).</summary>
public sealed record MonthTotals(IReadOnlyList<MonthDivisionTotal> Rows, IReadOnlyDictionary<string, DateTimeOffset> ComputedAt);

/// <summary>
/// What the dashboard keeps and reads beyond the stores it shares with the bot: the monthly totals per division (one
/// partition per month, recomputed from the month copies of the service records by a job, never per request) and the
/// last activity of a division's volunteers (the month copies filtered by division).
/// </summary>
public interface IDashboardStore
{
    /// <summary>Totals of the months in [<paramref name="fromMonth"/>, <paramref name="toMonth"/>] ("yyyyMM"): one key-range query.</summary>
    Task<MonthTotals> ListMonthTotalsAsync(string fromMonth, string toMonth, CancellationToken cancellationToken);

    /// <summary>Replaces one month's totals (divisions no longer present lose their row) and stamps when they were computed.</summary>
    Task ReplaceMonthAsync(string month, IReadOnlyList<MonthDivisionTotal> totals, DateTimeOffset computedAt, CancellationToken cancellationToken);

    /// <summary>
    /// One month's records as the totals need them (volunteer, division, date, hours, status; other fields blank), from
    /// the month copy: one partition, only those columns.
    /// </summary>
    Task<IReadOnlyList<Hours.ServiceRecord>> ListMonthForTotalsAsync(string month, CancellationToken cancellationToken);

    /// <summary>The latest service date (any status but rejected) per volunteer of <paramref name="divisionId"/> in [since, until].</summary>
    Task<IReadOnlyDictionary<string, DateOnly>> LastActivityAsync(string divisionId, DateOnly since, DateOnly until, CancellationToken cancellationToken);
}

using System.Globalization;
using VolunteerBot.Dialogs.Domain.Dashboard;
using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Tests.Fakes;

/// <summary>
/// The one in-memory IDashboardStore (unit tests only); runs the same contract suite as DashboardTableStore. The month
/// totals are its own; the records come from the service record store it is given, as the table store reads the month copies
/// that ServiceRecordTableStore writes.
/// </summary>
public sealed class MemoryDashboardStore(IServiceRecordStore records) : IDashboardStore
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, (IReadOnlyList<MonthDivisionTotal> Rows, DateTimeOffset ComputedAt)> _months = new(StringComparer.Ordinal);

    public Task<MonthTotals> ListMonthTotalsAsync(string fromMonth, string toMonth, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var months = _months.Where(kv => string.CompareOrdinal(kv.Key, fromMonth) >= 0 && string.CompareOrdinal(kv.Key, toMonth) <= 0).ToList();
            return Task.FromResult(new MonthTotals(
                [.. months.SelectMany(kv => kv.Value.Rows.OrderBy(r => r.DivisionId, StringComparer.Ordinal))],
                months.ToDictionary(kv => kv.Key, kv => kv.Value.ComputedAt, StringComparer.Ordinal)));
        }
    }

    public Task ReplaceMonthAsync(string month, IReadOnlyList<MonthDivisionTotal> totals, DateTimeOffset computedAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // A row per division, keyed by the month it is stored under (as the table's partition and row keys).
            var rows = totals.GroupBy(t => t.DivisionId, StringComparer.Ordinal).Select(g => g.Last() with { Month = month }).ToList();
            _months[month] = (rows, computedAt);
            return Task.CompletedTask;
        }
    }

    public async Task<IReadOnlyList<ServiceRecord>> ListMonthForTotalsAsync(string month, CancellationToken cancellationToken)
    {
        var (first, last) = Bounds(month);
        var inMonth = await records.ListByPeriodAsync(first, last, cancellationToken).ConfigureAwait(false);

        // Only the columns the totals read; the rest blank, as the table store's projection leaves them.
        return [.. inMonth.Select(r => new ServiceRecord
        {
            VolunteerAadObjectId = r.VolunteerAadObjectId, VolunteerName = "", DivisionId = r.DivisionId, ProjectId = r.ProjectId, ProjectTitle = "",
            Date = r.Date, Hours = r.Hours, Status = r.Status, Source = RecordSource.Volunteer, LoggedByAadObjectId = "", LoggedAt = default,
        })];
    }

    public async Task<IReadOnlyDictionary<string, DateOnly>> LastActivityAsync(string divisionId, DateOnly since, DateOnly until, CancellationToken cancellationToken)
    {
        var inRange = await records.ListByPeriodAsync(since, until, cancellationToken).ConfigureAwait(false);
        return inRange.Where(r => r.DivisionId == divisionId && r.Status != RecordStatus.Rejected)
            .GroupBy(r => r.VolunteerAadObjectId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Max(r => r.Date), StringComparer.OrdinalIgnoreCase);
    }

    private static (DateOnly First, DateOnly Last) Bounds(string month)
    {
        var first = DateOnly.ParseExact(month + "01", "yyyyMMdd", CultureInfo.InvariantCulture);
        return (first, first.AddMonths(1).AddDays(-1));
    }
}

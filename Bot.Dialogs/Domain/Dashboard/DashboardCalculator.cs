using System.Globalization;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Dialogs.Domain.Dashboard;

/// <summary>
/// The department's data the dashboard reads, gathered once per instance and minute from copies the product already
/// keeps: divisions and their member indexes, the year rows (one per volunteer), this year's going-ahead activities,
/// pending confirmations and undeclared projects per division, and the monthly totals.
/// </summary>
public sealed record DashboardSnapshot
{
    public required DateOnly Today { get; init; }
    public required DateTimeOffset AsOf { get; init; }
    public required IReadOnlyList<Division> Divisions { get; init; }
    public required IReadOnlyDictionary<string, IReadOnlyList<Volunteer>> MembersByDivision { get; init; }
    public required IReadOnlyList<YearSummary> Year { get; init; }
    public required IReadOnlyList<DigestActivity> Activities { get; init; }
    public required IReadOnlyDictionary<string, int> PendingByDivision { get; init; }
    public required IReadOnlyDictionary<string, int> MissingDeclarationsByDivision { get; init; }
    public required MonthTotals Months { get; init; }

    public Quarter Quarter => Quarter.Of(Today);
}

/// <summary>The dashboard's figures as pure functions of a <see cref="DashboardSnapshot"/> and a <see cref="DashboardScope"/> (R5, R6, R14).</summary>
public static class DashboardCalculator
{
    public const int TrendMonths = 12;

    public static DashboardOverview Overview(DashboardSnapshot s, DashboardScope scope)
    {
        var divisions = s.Divisions.Where(d => scope.Includes(d.Id)).ToList();
        var hours = HoursByVolunteer(s);
        var members = divisions.SelectMany(d => s.MembersByDivision.GetValueOrDefault(d.Id) ?? []).DistinctBy(v => v.AadObjectId.ToUpperInvariant()).ToList();
        var memberHours = members.Select(m => hours.GetValueOrDefault(m.AadObjectId)).ToList();
        var registered = members.Count;
        var participants = memberHours.Count(h => h > 0);
        var rate = registered == 0 ? 0m : Math.Round((decimal)participants / registered, 4);
        var average = registered == 0 ? 0m : Math.Round(memberHours.Sum() / registered, 2);
        var quarter = s.Quarter;
        var quarterMonths = Enumerable.Range(0, 3).Select(i => MonthKey(quarter.FirstDay.AddMonths(i))).ToHashSet(StringComparer.Ordinal);
        var activities = s.Activities.Where(a => a.Date.Year == s.Today.Year && (scope.Department || a.DivisionIds.Any(scope.Includes))).ToList();
        return new DashboardOverview
        {
            Year = s.Today.Year,
            Quarter = quarter.Id,
            Department = scope.Department,
            Registered = registered,
            Participants = participants,
            ParticipationRate = new TargetFigure(rate, DigestTargets.ParticipationRate, rate >= DigestTargets.ParticipationRate),
            AverageHours = new TargetFigure(average, DigestTargets.AverageHours, average >= DigestTargets.AverageHours),
            At20Hours = memberHours.Count(h => h >= DigestTargets.OutstandingHours),
            OutstandingHours = DigestTargets.OutstandingHours,
            HoursThisYear = divisions.Sum(d => DivisionHours(s, d.Id)),
            HoursThisQuarter = s.Months.Rows.Where(r => quarterMonths.Contains(r.Month) && scope.Includes(r.DivisionId)).Sum(r => r.Hours),
            ActivitiesThisQuarter = activities.Count(a => quarter.Contains(a.Date)),
            CentralisedThisYear = activities.Count(a => a.Organiser == DigestOrganiser.Centralised),
            CentralisedTarget = DigestTargets.CentralisedPerYear,
            BranchTarget = DigestTargets.BranchPerDivisionPerYear,
            ActivitiesPerQuarterTarget = DigestTargets.ActivitiesPerQuarter,
            Divisions = [.. divisions.Select(d =>
            {
                var involved = activities.Where(a => a.DivisionIds.Contains(d.Id, StringComparer.Ordinal)).ToList();
                var branch = involved.Count(a => a.Organiser == DigestOrganiser.Branch);
                return new DivisionActivities(d.Id, d.Name, involved.Count(a => quarter.Contains(a.Date)), branch,
                    DigestTargets.BranchPerDivisionPerYear, branch >= DigestTargets.BranchPerDivisionPerYear);
            })],
            AsOf = s.AsOf,
        };
    }

    public static DashboardDivisions Divisions(DashboardSnapshot s, DashboardScope scope) =>
        new(s.Today.Year, [.. s.Divisions.Where(d => scope.Includes(d.Id)).Select(d => Summary(s, d, HoursByVolunteer(s)))], s.AsOf);

    /// <summary>One division's drill-down, or null when the division is unknown or outside the scope.</summary>
    public static DashboardDivisionDetail? Division(DashboardSnapshot s, DashboardScope scope, string divisionId, IReadOnlyDictionary<string, DateOnly> lastActivity, DateOnly since)
    {
        var division = s.Divisions.FirstOrDefault(d => d.Id == divisionId);
        if (division is null || !scope.Includes(division.Id))
        {
            return null;
        }

        var years = s.Year.ToDictionary(y => y.VolunteerAadObjectId, StringComparer.OrdinalIgnoreCase);
        var rows = (s.MembersByDivision.GetValueOrDefault(divisionId) ?? [])
            .Select(m =>
            {
                var y = years.GetValueOrDefault(m.AadObjectId);
                return new DivisionVolunteerRow(m.Name, division.IsLiaison(m.AadObjectId), y?.Hours ?? 0, y?.Points ?? 0,
                    lastActivity.TryGetValue(m.AadObjectId, out var last) ? last : null);
            })
            .OrderByDescending(r => r.Hours).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        return new DashboardDivisionDetail(Summary(s, division, HoursByVolunteer(s)), rows, since, s.AsOf);
    }

    /// <summary>The 12 months ending with this one, one stacked series per division in scope.</summary>
    public static DashboardTrends Trends(DashboardSnapshot s, DashboardScope scope)
    {
        var months = TrendMonthKeys(s.Today);
        var rows = s.Months.Rows.ToLookup(r => r.DivisionId, StringComparer.Ordinal);
        var series = s.Divisions.Where(d => scope.Includes(d.Id)).Select(d =>
        {
            var byMonth = rows[d.Id].ToDictionary(r => r.Month, StringComparer.Ordinal);
            return new DivisionSeries(d.Id, d.Name,
                [.. months.Select(m => byMonth.TryGetValue(m, out var r) ? r.Hours : 0m)],
                [.. months.Select(m => byMonth.TryGetValue(m, out var r) ? r.Participants : 0)]);
        }).ToList();
        DateTimeOffset? computed = s.Months.ComputedAt.Count == 0 ? null : s.Months.ComputedAt.Values.Min();
        return new DashboardTrends([.. months.Select(Label)], series, computed, s.AsOf);
    }

    /// <summary>项目 for the projects of the scope (a liaison: those their divisions lead or join).</summary>
    public static DashboardProjects Projects(IReadOnlyList<Project> projects, IReadOnlyDictionary<string, SignUpCounts> counts,
        IReadOnlyList<Division> divisions, DashboardScope scope, DateTimeOffset now, int upcomingLimit = 10)
    {
        var names = divisions.ToDictionary(d => d.Id, d => d.Name, StringComparer.Ordinal);
        var visible = projects.DistinctBy(p => p.Id).Where(p => scope.Department || p.AllDivisionIds.Any(scope.Includes)).ToList();
        var pipeline = Enum.GetValues<ProjectStatus>()
            .Select(st => new StatusCount(st.ToString(), visible.Count(p => p.StatusAt(now) == st)))
            .ToList();
        return new DashboardProjects(
            pipeline,
            [.. Upcoming(visible, now, upcomingLimit).Select(p =>
            {
                var confirmed = counts.TryGetValue(p.Id, out var c) ? c.Confirmed : 0;
                return new UpcomingActivity(p.Id, p.Title, p.Start, p.Place, p.Capacity, confirmed,
                    p.Capacity <= 0 ? 0 : Math.Round((decimal)confirmed / p.Capacity, 4));
            })],
            [.. visible.Where(p => p.IsGoingAhead() && string.IsNullOrWhiteSpace(p.DeclarationNumber)).OrderBy(p => p.Start)
                .Select(p => new UndeclaredProject(p.Id, p.Title, p.Start, names.GetValueOrDefault(p.DivisionId, p.DivisionId), p.StatusAt(now).ToString()))],
            now);
    }

    /// <summary>Approved or open projects that start after <paramref name="now"/>, soonest first (whose sign-ups the page shows).</summary>
    public static IReadOnlyList<Project> Upcoming(IEnumerable<Project> projects, DateTimeOffset now, int limit) =>
        [.. projects.Where(p => p.Status is ProjectStatus.Approved or ProjectStatus.Open && p.Start > now).OrderBy(p => p.Start).Take(limit)];

    /// <summary>我的 from the volunteer's own records (their partition) and balance.</summary>
    public static DashboardMine Mine(string name, Volunteer? volunteer, string? divisionName, IReadOnlyList<ServiceRecord> records, PointsBalance balance, DateOnly today, DateTimeOffset now)
    {
        var months = TrendMonthKeys(today);
        var live = records.Where(r => r.Status != RecordStatus.Rejected).DistinctBy(r => r.Id).ToList();
        decimal Sum(string month, RecordStatus status) => live.Where(r => r.Status == status && MonthKey(r.Date) == month).Sum(r => r.Hours);
        var year = live.Where(r => r.Date.Year == today.Year).ToList();
        var confirmed = year.Where(r => r.Status == RecordStatus.Confirmed).Sum(r => r.Hours);
        return new DashboardMine
        {
            Registered = volunteer is not null,
            Name = volunteer?.Name ?? name,
            DivisionName = divisionName,
            Year = today.Year,
            Months = [.. months.Select(Label)],
            ConfirmedByMonth = [.. months.Select(m => Sum(m, RecordStatus.Confirmed))],
            PendingByMonth = [.. months.Select(m => Sum(m, RecordStatus.Pending))],
            HoursThisYear = confirmed,
            PendingThisYear = year.Where(r => r.Status == RecordStatus.Pending).Sum(r => r.Hours),
            ToAverage = new TargetFigure(confirmed, DigestTargets.AverageHours, confirmed >= DigestTargets.AverageHours),
            ToOutstanding = new TargetFigure(confirmed, DigestTargets.OutstandingHours, confirmed >= DigestTargets.OutstandingHours),
            PointsBalance = balance.Balance,
            PointsThisYear = year.Where(r => r.Status == RecordStatus.Confirmed).Sum(r => r.Points),
            AsOf = now,
        };
    }

    /// <summary>One month's totals per division from that month's records: confirmed and pending hours, distinct participants.</summary>
    public static IReadOnlyList<MonthDivisionTotal> MonthTotals(string month, IEnumerable<ServiceRecord> records) =>
        [.. records
            .Where(r => r.Status != RecordStatus.Rejected && MonthKey(r.Date) == month)
            .DistinctBy(r => (r.VolunteerAadObjectId.ToUpperInvariant(), r.Id))
            .GroupBy(r => r.DivisionId, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new MonthDivisionTotal(month, g.Key,
                g.Where(r => r.Status == RecordStatus.Confirmed).Sum(r => r.Hours),
                g.Where(r => r.Status == RecordStatus.Pending).Sum(r => r.Hours),
                g.Select(r => r.VolunteerAadObjectId.ToUpperInvariant()).Distinct().Count(),
                g.Count()))];

    /// <summary>
    /// Which months a pass of the totals job recomputes: this month and the last one always (hours are logged and
    /// confirmed there), every month of the trend window never computed, and the one stalest older month if it was
    /// computed longer than <paramref name="refreshOlderAfter"/> ago (late corrections reach it within a few passes).
    /// </summary>
    public static IReadOnlyList<string> MonthsDue(DateOnly today, IReadOnlyDictionary<string, DateTimeOffset> computedAt, DateTimeOffset now, TimeSpan refreshOlderAfter)
    {
        var window = TrendMonthKeys(today);
        var due = new List<string> { window[^1], window[^2] };
        due.AddRange(window.Where(m => !computedAt.ContainsKey(m) && !due.Contains(m)));
        var stalest = window.Where(m => !due.Contains(m) && computedAt.ContainsKey(m) && now - computedAt[m] > refreshOlderAfter)
            .OrderBy(m => computedAt[m]).FirstOrDefault();
        if (stalest is not null)
        {
            due.Add(stalest);
        }

        return due;
    }

    /// <summary>"yyyyMM" of the 12 months ending with <paramref name="today"/>'s, oldest first.</summary>
    public static IReadOnlyList<string> TrendMonthKeys(DateOnly today)
    {
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-(TrendMonths - 1));
        return [.. Enumerable.Range(0, TrendMonths).Select(i => MonthKey(first.AddMonths(i)))];
    }

    public static string MonthKey(DateOnly date) => date.ToString("yyyyMM", CultureInfo.InvariantCulture);

    private static string Label(string monthKey) => monthKey[..4] + "-" + monthKey[4..];

    private static DivisionSummary Summary(DashboardSnapshot s, Division d, IReadOnlyDictionary<string, decimal> hours)
    {
        var members = s.MembersByDivision.GetValueOrDefault(d.Id) ?? [];
        var memberHours = members.Select(m => hours.GetValueOrDefault(m.AadObjectId)).ToList();
        var participants = memberHours.Count(h => h > 0);
        var involved = s.Activities.Where(a => a.Date.Year == s.Today.Year && a.DivisionIds.Contains(d.Id, StringComparer.Ordinal)).ToList();
        var divisionHours = DivisionHours(s, d.Id);
        return new DivisionSummary
        {
            Id = d.Id,
            Name = d.Name,
            Members = members.Count,
            Liaisons = d.LiaisonAadObjectIds.Count,
            Participants = participants,
            ParticipationRate = members.Count == 0 ? 0 : Math.Round((decimal)participants / members.Count, 4),
            HoursThisYear = divisionHours,
            AverageHours = members.Count == 0 ? 0 : Math.Round(memberHours.Sum() / members.Count, 2),
            ActivitiesThisQuarter = involved.Count(a => s.Quarter.Contains(a.Date)),
            BranchThisYear = involved.Count(a => a.Organiser == DigestOrganiser.Branch),
            PendingConfirmations = s.PendingByDivision.GetValueOrDefault(d.Id),
            MissingDeclarations = s.MissingDeclarationsByDivision.GetValueOrDefault(d.Id),

            // 特色项目 (issue 18): set here once projects can be marked featured.
            FeaturedProjects = null,
        };
    }

    /// <summary>Confirmed hours of the year earned in the division (R2: by the division at the time of service).</summary>
    private static decimal DivisionHours(DashboardSnapshot s, string divisionId) =>
        s.Year.Sum(y => y.HoursByDivision.TryGetValue(divisionId, out var h) ? h : 0m);

    private static Dictionary<string, decimal> HoursByVolunteer(DashboardSnapshot s) =>
        s.Year.GroupBy(y => y.VolunteerAadObjectId, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Sum(y => y.Hours), StringComparer.OrdinalIgnoreCase);
}

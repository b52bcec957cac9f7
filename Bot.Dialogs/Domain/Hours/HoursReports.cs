namespace VolunteerBot.Dialogs.Domain.Hours;

/// <summary>A volunteer's standing for the "my record" card (我的志愿记录).</summary>
public sealed record MyStanding(
    decimal QuarterHours,
    decimal YearHours,
    int QuarterPoints,
    int YearPoints,
    int PendingCount,
    decimal ToOutstanding,
    bool Participated,
    bool MeetsAverage);

/// <summary>A division's standing against R6 (participation ≥ 90 %, average ≥ 4 hours) for R14's outstanding team.</summary>
public sealed record DivisionStanding(string DivisionId, int Members, int Participants, decimal Hours)
{
    public decimal ParticipationRate => Members == 0 ? 0m : (decimal)Participants / Members;

    public decimal AverageHours => Members == 0 ? 0m : Hours / Members;

    public bool MeetsTargets => Members > 0 && ParticipationRate >= HoursTargets.ParticipationRate && AverageHours >= HoursTargets.AverageHours;
}

/// <summary>The seed's numbers: R6 (90 %, 4 hours a year) and R14 (20 hours a year for an outstanding volunteer).</summary>
public static class HoursTargets
{
    public const decimal ParticipationRate = 0.9m;
    public const decimal AverageHours = 4m;
    public const decimal OutstandingHours = 20m;
}

/// <summary>Pure arithmetic over records and yearly totals; the dialogs and exports share it.</summary>
public static class HoursReports
{
    /// <summary>Quarter and year figures from the volunteer's own records (confirmed ones count).</summary>
    public static MyStanding Standing(IEnumerable<ServiceRecord> records, DateOnly today)
    {
        var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        var list = records.ToList();
        var year = list.Where(r => r.Date.Year == today.Year && r.Status == RecordStatus.Confirmed).ToList();
        var quarter = year.Where(r => r.Date >= quarterStart).ToList();
        var yearHours = year.Sum(r => r.Hours);
        return new MyStanding(
            quarter.Sum(r => r.Hours),
            yearHours,
            quarter.Sum(r => r.Points),
            year.Sum(r => r.Points),
            list.Count(r => r.Status == RecordStatus.Pending),
            Math.Max(0m, HoursTargets.OutstandingHours - yearHours),
            yearHours > 0,
            yearHours >= HoursTargets.AverageHours);
    }

    /// <summary>Volunteers with at least 20 confirmed hours in the year, most hours first (R14).</summary>
    public static IReadOnlyList<YearSummary> Outstanding(IEnumerable<YearSummary> year) =>
        year.Where(s => s.Hours >= HoursTargets.OutstandingHours).OrderByDescending(s => s.Hours).ThenBy(s => s.VolunteerName, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Each division's standing: members are its current volunteers; hours are those earned in it (R2), so a move
    /// mid-year leaves the hours where they were earned; a participant is a member with confirmed hours in the year.
    /// </summary>
    public static IReadOnlyList<DivisionStanding> Divisions(IEnumerable<YearSummary> year, IReadOnlyDictionary<string, string> currentDivisionOf)
    {
        var summaries = year.ToDictionary(s => s.VolunteerAadObjectId, StringComparer.OrdinalIgnoreCase);
        var hoursEarned = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var s in summaries.Values)
        {
            foreach (var (division, hours) in s.HoursByDivision)
            {
                hoursEarned[division] = hoursEarned.GetValueOrDefault(division) + hours;
            }
        }

        return currentDivisionOf
            .GroupBy(kv => kv.Value, StringComparer.Ordinal)
            .Select(g => new DivisionStanding(
                g.Key,
                g.Count(),
                g.Count(kv => summaries.TryGetValue(kv.Key, out var s) && s.Hours > 0),
                hoursEarned.GetValueOrDefault(g.Key)))
            .OrderByDescending(d => d.MeetsTargets).ThenByDescending(d => d.AverageHours).ThenBy(d => d.DivisionId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Candidate outstanding teams (R14): divisions meeting both R6 targets, highest average first.</summary>
    public static IReadOnlyList<DivisionStanding> CandidateTeams(IEnumerable<DivisionStanding> divisions) =>
        divisions.Where(d => d.MeetsTargets).OrderByDescending(d => d.AverageHours).ThenByDescending(d => d.ParticipationRate).ToList();
}

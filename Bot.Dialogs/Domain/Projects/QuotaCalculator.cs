using VolunteerBot.Dialogs.Domain.Reminders;

namespace VolunteerBot.Dialogs.Domain.Projects;

/// <summary>Per-year activity counts against R5: ≥1 activity each quarter, ≥2 centralised, ≥2 branch-organised per division.</summary>
public sealed record QuotaReport(
    int Year,
    IReadOnlyDictionary<int, int> ActivitiesByQuarter,
    int Centralised,
    IReadOnlyDictionary<string, int> BranchByDivision)
{
    public const int MinPerQuarter = 1;
    public const int MinCentralisedPerYear = 2;
    public const int MinBranchPerDivisionPerYear = 2;

    public int InQuarter(int quarter) => ActivitiesByQuarter.TryGetValue(quarter, out var n) ? n : 0;

    public int BranchOf(string divisionId) => BranchByDivision.TryGetValue(divisionId, out var n) ? n : 0;

    public bool QuarterMet(int quarter) => InQuarter(quarter) >= MinPerQuarter;

    public bool CentralisedMet => Centralised >= MinCentralisedPerYear;

    public bool BranchMet(string divisionId) => BranchOf(divisionId) >= MinBranchPerDivisionPerYear;
}

/// <summary>
/// R5 quota counting, pure (the digest reuses it). An activity counts when its project is going ahead
/// (approved, open, in progress, completed or archived — never filed, returned, assigned or cancelled) and
/// its start falls in the year (Asia/Shanghai). A branch-organised project counts once for each division
/// that leads or joins it; a centralised one counts once for the department.
/// </summary>
public static class QuotaCalculator
{
    public static QuotaReport Count(IEnumerable<Project> projects, int year, TimeZoneInfo zone)
    {
        var byQuarter = new Dictionary<int, int> { [1] = 0, [2] = 0, [3] = 0, [4] = 0 };
        var centralised = 0;
        var branch = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in projects.DistinctBy(p => p.Id))
        {
            if (!p.IsGoingAhead())
            {
                continue;
            }

            var quarter = Quarter.Of(p.Start, zone);
            if (quarter.Year != year)
            {
                continue;
            }

            byQuarter[quarter.Number]++;
            if (p.Organiser == OrganiserType.Centralised)
            {
                centralised++;
                continue;
            }

            foreach (var division in p.AllDivisionIds)
            {
                branch[division] = branch.GetValueOrDefault(division) + 1;
            }
        }

        return new QuotaReport(year, byQuarter, centralised, branch);
    }
}

using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Tests.Projects;

public sealed class QuotaCalculatorTests
{
    private static readonly TimeZoneInfo Zone = ProjectSamples.Zone;

    [Fact]
    public void Count_MixedProjects_CountsQuartersCentralisedAndBranchPerDivision()
    {
        Project[] projects =
        [
            ProjectSamples.Make(ProjectSamples.Local(2025, 2, 1), ProjectStatus.Completed, OrganiserType.Centralised),
            ProjectSamples.Make(ProjectSamples.Local(2025, 5, 1), ProjectStatus.Open, OrganiserType.Centralised),
            ProjectSamples.Make(ProjectSamples.Local(2025, 5, 2), ProjectStatus.Approved, division: "d-a", joint: ["d-b"]),
            ProjectSamples.Make(ProjectSamples.Local(2025, 8, 2), ProjectStatus.Archived, division: "d-a"),
            ProjectSamples.Make(ProjectSamples.Local(2025, 8, 3), ProjectStatus.Cancelled, division: "d-b"),
            ProjectSamples.Make(ProjectSamples.Local(2025, 8, 4), ProjectStatus.Filed, division: "d-b"),
            ProjectSamples.Make(ProjectSamples.Local(2025, 8, 5), ProjectStatus.Returned, division: "d-b"),
            ProjectSamples.Make(ProjectSamples.Local(2026, 1, 5), ProjectStatus.Open, division: "d-b"),
        ];

        var report = QuotaCalculator.Count(projects, 2025, Zone);

        Assert.Equal(1, report.InQuarter(1));
        Assert.Equal(2, report.InQuarter(2));
        Assert.Equal(1, report.InQuarter(3));
        Assert.Equal(0, report.InQuarter(4));
        Assert.False(report.QuarterMet(4));
        Assert.Equal(2, report.Centralised);
        Assert.True(report.CentralisedMet);
        Assert.Equal(2, report.BranchOf("d-a"));
        Assert.True(report.BranchMet("d-a"));
        Assert.Equal(1, report.BranchOf("d-b"));
        Assert.False(report.BranchMet("d-b"));
    }

    [Fact]
    public void Count_ActivityAtLocalNewYearMidnight_CountsInTheNewYearNotTheOld()
    {
        // 2026-01-01 00:30 in Shanghai is still 2025-12-31 in UTC.
        var project = ProjectSamples.Make(ProjectSamples.Local(2026, 1, 1, 0, 30), ProjectStatus.Open, OrganiserType.Centralised);

        Assert.Equal(0, QuotaCalculator.Count([project], 2025, Zone).Centralised);
        Assert.Equal(1, QuotaCalculator.Count([project], 2026, Zone).InQuarter(1));
    }

    [Fact]
    public void Count_SameProjectTwice_CountedOnce()
    {
        var project = ProjectSamples.Make(ProjectSamples.Local(2025, 5, 1), ProjectStatus.Open, OrganiserType.Centralised);

        Assert.Equal(1, QuotaCalculator.Count([project, project], 2025, Zone).Centralised);
    }
}

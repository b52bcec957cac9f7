using VolunteerBot.Dialogs.Domain.Dashboard;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Tests.Dashboard;

public sealed class DashboardCalculatorTests
{
    private static readonly DateOnly Today = new(2026, 5, 20);
    private static readonly DateTimeOffset Now = new(2026, 5, 20, 2, 0, 0, TimeSpan.Zero);

    private static ServiceRecord Record(string who, string division, DateOnly date, decimal hours, RecordStatus status, string project = "2026-aaaaaaaa", int points = 0) => new()
    {
        VolunteerAadObjectId = who,
        VolunteerName = who,
        DivisionId = division,
        ProjectId = project,
        ProjectTitle = "t",
        Date = date,
        Hours = hours,
        Status = status,
        Points = points,
        Source = RecordSource.Volunteer,
        LoggedByAadObjectId = who,
        LoggedAt = Now,
    };

    private static Volunteer Member(string id, string division) => new() { AadObjectId = id, Name = "n" + id, DivisionId = division };

    private static YearSummary Year(string id, decimal hours, string division) =>
        new() { Year = 2026, VolunteerAadObjectId = id, VolunteerName = "n" + id, Hours = hours, Points = (int)(hours * 10), HoursByDivision = new Dictionary<string, decimal> { [division] = hours } };

    private static DashboardSnapshot Snapshot(MonthTotals? months = null) => new()
    {
        Today = Today,
        AsOf = Now,
        Divisions =
        [
            new Division { Id = "dA", Name = "A", LiaisonAadObjectIds = ["a1"] },
            new Division { Id = "dB", Name = "B" },
        ],
        MembersByDivision = new Dictionary<string, IReadOnlyList<Volunteer>>
        {
            ["dA"] = [Member("a1", "dA"), Member("a2", "dA")],
            ["dB"] = [Member("b1", "dB"), Member("b2", "dB"), Member("b3", "dB"), Member("b4", "dB")],
        },
        Year = [Year("a1", 25, "dA"), Year("a2", 3, "dA"), Year("b1", 4, "dB")],
        Activities =
        [
            new DigestActivity("p1", "x", DigestOrganiser.Branch, ["dA"], new DateOnly(2026, 4, 10)),
            new DigestActivity("p2", "y", DigestOrganiser.Branch, ["dA", "dB"], new DateOnly(2026, 2, 10)),
            new DigestActivity("p3", "z", DigestOrganiser.Centralised, ["dB"], new DateOnly(2026, 5, 1)),
        ],
        PendingByDivision = new Dictionary<string, int> { ["dB"] = 2 },
        MissingDeclarationsByDivision = new Dictionary<string, int> { ["dA"] = 1 },
        Months = months ?? new MonthTotals([], new Dictionary<string, DateTimeOffset>()),
    };

    [Fact]
    public void Overview_Department_ParticipationAndAverageAgainstTargets()
    {
        var o = DashboardCalculator.Overview(Snapshot(), DashboardScope.From(true, new HashSet<string>()));

        Assert.Equal(6, o.Registered);
        Assert.Equal(3, o.Participants);
        Assert.Equal(0.5m, o.ParticipationRate.Value);
        Assert.False(o.ParticipationRate.Met);
        Assert.Equal(Math.Round(32m / 6, 2), o.AverageHours.Value);
        Assert.True(o.AverageHours.Met);
        Assert.Equal(1, o.At20Hours);
        Assert.Equal(1, o.CentralisedThisYear);
        Assert.Equal(2, o.ActivitiesThisQuarter);
    }

    [Fact]
    public void Overview_Liaison_OnlyTheirDivisions()
    {
        var o = DashboardCalculator.Overview(Snapshot(), DashboardScope.From(false, new HashSet<string> { "dA" }));

        Assert.False(o.Department);
        Assert.Equal(2, o.Registered);
        Assert.Equal(1m, o.ParticipationRate.Value);
        Assert.Equal(28m, o.HoursThisYear);
        var a = Assert.Single(o.Divisions);
        Assert.Equal(2, a.BranchThisYear);
        Assert.True(a.BranchTargetMet);
    }

    [Fact]
    public void Divisions_DivisionWithoutLiaison_Flagged()
    {
        var d = DashboardCalculator.Divisions(Snapshot(), DashboardScope.From(true, new HashSet<string>()));

        var b = d.Divisions.Single(x => x.Id == "dB");
        Assert.True(b.NoLiaison);
        Assert.Equal(2, b.PendingConfirmations);
        Assert.Null(b.FeaturedProjects);
        Assert.False(d.Divisions.Single(x => x.Id == "dA").NoLiaison);
        Assert.Equal(1, d.Divisions.Single(x => x.Id == "dA").MissingDeclarations);
    }

    [Fact]
    public void Division_OutsideScope_Null()
    {
        var detail = DashboardCalculator.Division(Snapshot(), DashboardScope.From(false, new HashSet<string> { "dA" }), "dB", new Dictionary<string, DateOnly>(), Today);

        Assert.Null(detail);
    }

    [Fact]
    public void Division_Members_MostHoursFirstWithLastActivity()
    {
        var last = new Dictionary<string, DateOnly>(StringComparer.OrdinalIgnoreCase) { ["A1"] = new DateOnly(2026, 5, 3) };

        var detail = DashboardCalculator.Division(Snapshot(), DashboardScope.From(true, new HashSet<string>()), "dA", last, new DateOnly(2026, 3, 1))!;

        Assert.Equal(["na1", "na2"], detail.Volunteers.Select(v => v.Name));
        Assert.True(detail.Volunteers[0].IsLiaison);
        Assert.Equal(new DateOnly(2026, 5, 3), detail.Volunteers[0].LastActivity);
        Assert.Null(detail.Volunteers[1].LastActivity);
    }

    [Fact]
    public void MonthTotals_RejectedAndOtherMonthsLeftOut_ParticipantsDistinct()
    {
        ServiceRecord[] records =
        [
            Record("a1", "dA", new DateOnly(2026, 5, 1), 2, RecordStatus.Confirmed),
            Record("a1", "dA", new DateOnly(2026, 5, 2), 3, RecordStatus.Pending),
            Record("A1", "dA", new DateOnly(2026, 5, 2), 3, RecordStatus.Pending),
            Record("a2", "dA", new DateOnly(2026, 5, 3), 9, RecordStatus.Rejected),
            Record("b1", "dB", new DateOnly(2026, 4, 30), 5, RecordStatus.Confirmed),
        ];

        var totals = DashboardCalculator.MonthTotals("202605", records);

        var a = Assert.Single(totals);
        Assert.Equal(new MonthDivisionTotal("202605", "dA", 2, 3, 1, 2), a);
    }

    [Fact]
    public void Trends_TwelveMonthsOldestFirst_MissingMonthsAreZero()
    {
        var months = new MonthTotals([new MonthDivisionTotal("202605", "dA", 7, 0, 2, 3), new MonthDivisionTotal("202506", "dB", 1, 0, 1, 1)],
            new Dictionary<string, DateTimeOffset> { ["202605"] = Now });

        var t = DashboardCalculator.Trends(Snapshot(months), DashboardScope.From(true, new HashSet<string>()));

        Assert.Equal(12, t.Months.Count);
        Assert.Equal("2025-06", t.Months[0]);
        Assert.Equal("2026-05", t.Months[^1]);
        Assert.Equal(7m, t.Divisions.Single(d => d.Id == "dA").Hours[^1]);
        Assert.Equal(1m, t.Divisions.Single(d => d.Id == "dB").Hours[0]);
        Assert.Equal(0m, t.Divisions.Single(d => d.Id == "dA").Hours[0]);
    }

    [Fact]
    public void MonthsDue_FreshWindow_EveryMonthOnce()
    {
        var due = DashboardCalculator.MonthsDue(Today, new Dictionary<string, DateTimeOffset>(), Now, TimeSpan.FromHours(1));

        Assert.Equal(12, due.Count);
        Assert.Equal(["202605", "202604"], due.Take(2));
    }

    [Fact]
    public void MonthsDue_AllComputed_CurrentLastAndTheStalestOlderOne()
    {
        var computed = DashboardCalculator.TrendMonthKeys(Today).ToDictionary(m => m, _ => Now.AddMinutes(-5));
        computed["202509"] = Now.AddHours(-3);
        computed["202511"] = Now.AddHours(-2);

        var due = DashboardCalculator.MonthsDue(Today, computed, Now, TimeSpan.FromHours(1));

        Assert.Equal(["202605", "202604", "202509"], due);
    }

    [Fact]
    public void Mine_ProgressAndMonths_FromOwnRecords()
    {
        ServiceRecord[] records =
        [
            Record("me", "dA", new DateOnly(2026, 5, 1), 3, RecordStatus.Confirmed, points: 30),
            Record("me", "dA", new DateOnly(2026, 5, 2), 1.5m, RecordStatus.Pending, project: "2026-bbbbbbbb"),
            Record("me", "dA", new DateOnly(2026, 3, 2), 2, RecordStatus.Rejected, project: "2026-cccccccc"),
            Record("me", "dA", new DateOnly(2025, 12, 2), 4, RecordStatus.Confirmed, project: "2025-dddddddd", points: 40),
        ];

        var m = DashboardCalculator.Mine("me", Member("me", "dA"), "A", records, new PointsBalance(70, 10), Today, Now);

        Assert.Equal(3m, m.HoursThisYear);
        Assert.Equal(1.5m, m.PendingThisYear);
        Assert.False(m.ToAverage.Met);
        Assert.Equal(30, m.PointsThisYear);
        Assert.Equal(60, m.PointsBalance);
        Assert.Equal(3m, m.ConfirmedByMonth[^1]);
        Assert.Equal(4m, m.ConfirmedByMonth[m.Months.ToList().IndexOf("2025-12")]);
        Assert.Equal(0m, m.ConfirmedByMonth[m.Months.ToList().IndexOf("2026-03")]);
    }

    [Fact]
    public void Scope_Volunteer_OnlyMine()
    {
        var scope = DashboardScope.From(false, new HashSet<string>());

        Assert.Equal([DashboardPage.Mine], scope.Pages);
        Assert.False(scope.Allows(DashboardPage.Overview));
        Assert.True(scope.Allows(DashboardPage.Mine));
    }
}

using VolunteerBot.Dialogs.Domain.Calendar;
using FsCheck;
using FsCheck.Fluent;
using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Tests.Hours;

/// <summary>Points, hours and target arithmetic: examples from the documented defaults plus generated cases.</summary>
public sealed class HoursArithmeticTests
{
    [Theory]
    [InlineData("3", ServiceQuality.Good, 36)]
    [InlineData("2.5", ServiceQuality.Fair, 25)]
    [InlineData("1", ServiceQuality.Poor, 6)]
    [InlineData("0.5", ServiceQuality.Good, 6)]
    [InlineData("0.5", ServiceQuality.Poor, 3)]
    [InlineData("24", ServiceQuality.Good, 288)]
    public void Compute_DefaultRules_MatchesDocumentedFormula(string hours, ServiceQuality quality, int expected) =>
        Assert.Equal(expected, PointsRules.Default.Compute(decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture), quality));

    [Fact]
    public void Compute_AnyHalfHourAndQuality_IsRoundedProductAndMonotonic()
    {
        var halves = Gen.Choose(1, 48);
        Prop.ForAll(halves.ToArbitrary(), halves.ToArbitrary(), Gen.Elements(ServiceQuality.Good, ServiceQuality.Fair, ServiceQuality.Poor).ToArbitrary(), (a, b, q) =>
        {
            var rules = PointsRules.Default;
            decimal ha = a / 2m, hb = b / 2m;
            var pa = rules.Compute(ha, q);
            var exact = ha * 10m * rules.FactorOf(q);
            var monotonic = a <= b ? pa <= rules.Compute(hb, q) : pa >= rules.Compute(hb, q);
            return Math.Abs(pa - exact) <= 0.5m && monotonic && rules.Compute(ha, ServiceQuality.Good) >= rules.Compute(ha, ServiceQuality.Poor);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void CheckHours_GeneratedValues_AcceptsExactlyHalfHourStepsUpTo24()
    {
        Prop.ForAll(Gen.Choose(-100, 600).ToArbitrary(), tenths =>
        {
            var hours = tenths / 10m;
            var ok = HoursRules.CheckHours(hours) is null;
            var expected = hours > 0 && hours <= 24 && tenths % 5 == 0;
            return ok == expected;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void FitsDay_OtherRecordsThatDay_CountsAllButRejectedAndItself()
    {
        var day = new DateOnly(2025, 3, 8);
        var records = new[] { Record(day, "2025-aaaa0001", 20m, RecordStatus.Confirmed), Record(day, "2025-aaaa0002", 8m, RecordStatus.Rejected) };

        Assert.True(HoursRules.FitsDay(4m, records, ServiceRecord.IdOf(day, "2025-aaaa0003")));
        Assert.False(HoursRules.FitsDay(4.5m, records, ServiceRecord.IdOf(day, "2025-aaaa0003")));
        Assert.True(HoursRules.FitsDay(24m, records, ServiceRecord.IdOf(day, "2025-aaaa0001")));
    }

    [Fact]
    public void CheckDate_FutureBeforeAndAfterActivity_NamesTheProblem()
    {
        var today = new DateOnly(2025, 3, 10);
        Assert.Equal("hours.error.date.future", HoursRules.CheckDate(today.AddDays(1), today, null, null));
        Assert.Equal("hours.error.date.beforeProject", HoursRules.CheckDate(new DateOnly(2025, 3, 7), today, new DateOnly(2025, 3, 8), new DateOnly(2025, 3, 8)));
        Assert.Equal("hours.error.date.afterProject", HoursRules.CheckDate(new DateOnly(2025, 3, 9), today, new DateOnly(2025, 3, 8), new DateOnly(2025, 3, 8)));
        Assert.Null(HoursRules.CheckDate(new DateOnly(2025, 3, 8), today, new DateOnly(2025, 3, 8), new DateOnly(2025, 3, 8)));
    }

    [Fact]
    public void ConfirmationWindow_AnyActivityDay_DeadlineIsTenthWorkingDayAndNudgeComesBefore()
    {
        var calendar = WorkingDayCalendar.MondayToFriday;
        Prop.ForAll(Gen.Choose(0, 3650).ToArbitrary(), offset =>
        {
            var day = new DateOnly(2024, 1, 1).AddDays(offset);
            var deadline = ConfirmationWindow.Deadline(calendar, day);
            return calendar.Between(day, deadline) == 10
                && calendar.IsWorkingDay(deadline)
                && calendar.Between(day, deadline.AddDays(-1)) == 9
                && deadline.DayNumber - day.DayNumber is >= 12 and <= 16;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void ConfirmationWindow_SaturdayActivity_DeadlineIsTwoWeeksLaterFriday()
    {
        var saturday = new DateOnly(2025, 3, 8);
        Assert.Equal(new DateOnly(2025, 3, 21), ConfirmationWindow.Deadline(WorkingDayCalendar.MondayToFriday, saturday));
        Assert.Equal(8, WorkingDayCalendar.MondayToFriday.Between(saturday, new DateOnly(2025, 3, 19)));
    }

    [Fact]
    public void ConfirmationWindow_NationalDayHolidayAndMakeUpWorkday_DeadlineSkipsTheHolidayAndCountsTheWorkday()
    {
        // 2025: 1–8 October off, Saturday 11 October a 调休 workday. An activity on 30 September: working days are
        // 9, 10, 11 (Sat, worked), 13, 14, 15, 16, 17, 20, 21 October — the 10th is the 21st (Monday to Friday alone
        // would say 14 October, in the middle of counting days nobody works).
        var holidays = Enumerable.Range(1, 8).Select(d => new DateOnly(2025, 10, d));
        var calendar = new WorkingDayCalendar(holidays, [new DateOnly(2025, 10, 11)], []);
        var activity = new DateOnly(2025, 9, 30);

        Assert.Equal(new DateOnly(2025, 10, 21), ConfirmationWindow.Deadline(calendar, activity));
        Assert.Equal(new DateOnly(2025, 10, 14), ConfirmationWindow.Deadline(WorkingDayCalendar.MondayToFriday, activity));
        Assert.Equal(ConfirmationWindow.NudgeOn, calendar.Between(activity, new DateOnly(2025, 10, 17)));
    }

    [Fact]
    public void Divisions_GeneratedYears_ParticipationAndAverageFollowMembersAndEarnedHours()
    {
        var gen = Gen.Choose(0, 12).ArrayOf().Where(a => a.Length > 0);
        Prop.ForAll(gen.ToArbitrary(), hoursPerPerson =>
        {
            var current = hoursPerPerson.Select((_, i) => ($"v{i}", "d1")).ToDictionary(x => x.Item1, x => x.Item2);
            var summaries = hoursPerPerson.Select((h, i) => new YearSummary
            {
                Year = 2025, VolunteerAadObjectId = $"v{i}", VolunteerName = $"n{i}", Hours = h,
                HoursByDivision = h == 0 ? new Dictionary<string, decimal>() : new Dictionary<string, decimal> { ["d1"] = h },
            }).ToList();
            var d = Assert.Single(HoursReports.Divisions(summaries, current));
            var participants = hoursPerPerson.Count(h => h > 0);
            var average = (decimal)hoursPerPerson.Sum() / hoursPerPerson.Length;
            var meets = (decimal)participants / hoursPerPerson.Length >= 0.9m && average >= 4m;
            return d.Members == hoursPerPerson.Length && d.Participants == participants && d.AverageHours == average && d.MeetsTargets == meets
                && HoursReports.CandidateTeams([d]).Count == (meets ? 1 : 0);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Divisions_VolunteerMovedMidYear_HoursStayWhereEarned()
    {
        var current = new Dictionary<string, string> { ["a"] = "d2", ["b"] = "d1" };
        var summaries = new[]
        {
            new YearSummary { Year = 2025, VolunteerAadObjectId = "a", VolunteerName = "王芳", Hours = 10, HoursByDivision = new Dictionary<string, decimal> { ["d1"] = 6, ["d2"] = 4 } },
            new YearSummary { Year = 2025, VolunteerAadObjectId = "b", VolunteerName = "李强", Hours = 2, HoursByDivision = new Dictionary<string, decimal> { ["d1"] = 2 } },
        };

        var divisions = HoursReports.Divisions(summaries, current).ToDictionary(d => d.DivisionId);

        Assert.Equal(8m, divisions["d1"].Hours);
        Assert.Equal(4m, divisions["d2"].Hours);
        Assert.Equal(1, divisions["d1"].Members);
    }

    [Fact]
    public void Standing_ConfirmedRecordsOnly_QuarterYearAndDistanceTo20()
    {
        var today = new DateOnly(2025, 5, 10);
        var records = new[]
        {
            Record(new DateOnly(2025, 4, 2), "p1", 3m, RecordStatus.Confirmed, 36),
            Record(new DateOnly(2025, 2, 2), "p2", 8m, RecordStatus.Confirmed, 80),
            Record(new DateOnly(2025, 5, 1), "p3", 2m, RecordStatus.Pending),
            Record(new DateOnly(2024, 12, 1), "p4", 5m, RecordStatus.Confirmed, 50),
        };

        var s = HoursReports.Standing(records, today);

        Assert.Equal(3m, s.QuarterHours);
        Assert.Equal(11m, s.YearHours);
        Assert.Equal(116, s.YearPoints);
        Assert.Equal(9m, s.ToOutstanding);
        Assert.Equal(1, s.PendingCount);
        Assert.True(s.MeetsAverage);
    }

    [Theory]
    [InlineData("3 小时 垃圾分类宣传", "3", "垃圾分类宣传")]
    [InlineData("3小时垃圾分类宣传", "3", "垃圾分类宣传")]
    [InlineData("2.5 小时", "2.5", "")]
    [InlineData("3h waste sorting", "3", "waste sorting")]
    [InlineData("2.5 hours waste sorting", "2.5", "waste sorting")]
    [InlineData("垃圾分类宣传", null, "垃圾分类宣传")]
    public void Parse_QuickForms_ReadsHoursAndWords(string text, string? hours, string rest)
    {
        var q = QuickLogParser.Parse(text);
        Assert.Equal(hours is null ? null : decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture), q.Hours);
        Assert.Equal(rest, q.Text);
    }

    [Fact]
    public void BestMatch_WordsOfATitle_PicksThatActivity()
    {
        var candidates = new[] { "工业节能宣传进企业", "垃圾分类宣传进社区", "文明交通劝导" };

        Assert.Equal("垃圾分类宣传进社区", QuickLogParser.BestMatch(candidates, "垃圾分类宣传", c => [c]));
        Assert.Equal("文明交通劝导", QuickLogParser.BestMatch(candidates, "文明交通", c => [c]));
        Assert.Null(QuickLogParser.BestMatch(candidates, "xyz", c => [c]));
    }

    [Fact]
    public void Confirm_SameValuesTwice_SecondChangesNothing()
    {
        var by = new Actor("liaison", "李强");
        var pending = Record(new DateOnly(2025, 3, 8), "p1", 3m, RecordStatus.Pending);
        var first = RecordRules.Confirm(pending, 3m, ServiceQuality.Good, PointsRules.Default, by, DateTimeOffset.UnixEpoch)!;

        Assert.Equal(AuditAction.Confirmed, first.Audit.Action);
        Assert.Equal(36, first.After.Points);
        Assert.Null(RecordRules.Confirm(first.After, 3m, ServiceQuality.Good, PointsRules.Default, by, DateTimeOffset.UnixEpoch));
        var corrected = RecordRules.Confirm(first.After, 2.5m, ServiceQuality.Good, PointsRules.Default, by, DateTimeOffset.UnixEpoch)!;
        Assert.Equal(AuditAction.Corrected, corrected.Audit.Action);
        Assert.Contains("Hours: 3 → 2.5", corrected.Audit.Changes, StringComparison.Ordinal);
        Assert.Equal(30, corrected.After.Points);
    }

    [Fact]
    public void MayDecide_OwnRecordOrOtherDivision_Refused()
    {
        var r = Record(new DateOnly(2025, 3, 8), "p1", 3m, RecordStatus.Pending) with { DivisionId = "d1", OrganiserDivisionIds = ["d2"] };
        var none = new HashSet<string>();

        Assert.False(RecordRules.MayDecide(r, r.VolunteerAadObjectId, isCommittee: true, new HashSet<string> { "d1" }));
        Assert.True(RecordRules.MayDecide(r, "x", false, new HashSet<string> { "d1" }));
        Assert.True(RecordRules.MayDecide(r, "x", false, new HashSet<string> { "d2" }));
        Assert.False(RecordRules.MayDecide(r, "x", false, new HashSet<string> { "d3" }));
        Assert.True(RecordRules.MayDecide(r, "x", true, none));
    }

    internal static ServiceRecord Record(DateOnly date, string project, decimal hours, RecordStatus status, int points = 0) => new()
    {
        VolunteerAadObjectId = "v1",
        VolunteerName = "王芳",
        DivisionId = "d1",
        ProjectId = project,
        ProjectTitle = "垃圾分类宣传进社区",
        Date = date,
        Hours = hours,
        Status = status,
        Points = points,
        Source = RecordSource.Volunteer,
        LoggedByAadObjectId = "v1",
        LoggedAt = DateTimeOffset.UnixEpoch,
    };
}

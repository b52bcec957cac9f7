using VolunteerBot.Dialogs.Domain.Calendar;
using VolunteerBot.Dialogs.Domain.Reminders;

namespace VolunteerBot.Tests.Reminders;

public sealed class ReminderScheduleTests
{
    internal static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>The 2026 arrangement from the State Council notice (国办, 2025-11-04), as docs/reminders.md configures it.</summary>
    internal static ReminderOptions Options2026(Action<ReminderOptions>? change = null)
    {
        var o = new ReminderOptions
        {
            Holidays = [.. Range(2026, 1, 1, 3), .. Range(2026, 2, 15, 23), .. Range(2026, 4, 4, 6), .. Range(2026, 5, 1, 5),
                .. Range(2026, 6, 19, 21), .. Range(2026, 9, 25, 27), .. Range(2026, 10, 1, 7)],
            ExtraWorkdays = [new(2026, 1, 4), new(2026, 2, 14), new(2026, 2, 28), new(2026, 5, 9), new(2026, 9, 20), new(2026, 10, 10)],
        };
        change?.Invoke(o);
        return o;
    }

    private static IEnumerable<DateOnly> Range(int y, int m, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(d => new DateOnly(y, m, d));

    private static DateTimeOffset Local(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) =>
        new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.FromHours(8));

    private static ReminderSchedule Schedule(ReminderOptions? o = null) => new(o ?? Options2026(), Shanghai);

    [Theory]
    [InlineData(2026, 4, ReminderKind.KickOff, "2026-10-08")]   // 国庆 1–7 Oct: first working day is Thursday 8 Oct
    [InlineData(2026, 4, ReminderKind.MidQuarter, "2026-11-16")] // day 45 = Sat 14 Nov → Monday
    [InlineData(2026, 4, ReminderKind.FinalCall, "2026-12-17")]  // 31 Dec − 14 days, a Thursday
    [InlineData(2026, 1, ReminderKind.KickOff, "2026-01-04")]    // 元旦 1–3 Jan; Sunday 4 Jan is an adjusted workday (调休)
    [InlineData(2026, 1, ReminderKind.MidQuarter, "2026-02-14")] // day 45 is Saturday 14 Feb, an adjusted workday before 春节
    [InlineData(2026, 1, ReminderKind.FinalCall, "2026-03-17")]
    [InlineData(2026, 2, ReminderKind.KickOff, "2026-04-01")]
    [InlineData(2026, 3, ReminderKind.FinalCall, "2026-09-16")]
    public void DueDate_2026HolidayCalendar_IsFirstWorkingDayOfRule(int year, int quarter, ReminderKind kind, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Schedule().DueDate(new Quarter(year, quarter), kind));
    }

    [Fact]
    public void DueDate_DefaultFixedHolidaysOnly_SkipsNationalDayWeekAndNewYear()
    {
        var schedule = Schedule(new ReminderOptions());

        Assert.Equal(new DateOnly(2026, 10, 8), schedule.DueDate(new Quarter(2026, 4), ReminderKind.KickOff));
        Assert.Equal(new DateOnly(2027, 1, 4), schedule.DueDate(new Quarter(2027, 1), ReminderKind.KickOff)); // Fri 1 Jan off, then the weekend
    }

    [Fact]
    public void At_NineLocal_IsOneUtc()
    {
        var at = Schedule().At(new DateOnly(2026, 10, 8));

        Assert.Equal(new DateTimeOffset(2026, 10, 8, 1, 0, 0, TimeSpan.Zero), at);
    }

    [Fact]
    public void QuarterOf_LocalMidnightOfFirstOctober_IsQ4ThoughUtcIsStillSeptember()
    {
        var schedule = Schedule();
        var midnight = Local(2026, 10, 1);

        Assert.Equal(new Quarter(2026, 4), schedule.QuarterOf(midnight));
        Assert.Equal(9, midnight.UtcDateTime.Month);
        Assert.Equal(new Quarter(2026, 3), schedule.QuarterOf(midnight.AddTicks(-1)));
    }

    [Fact]
    public void LatestDueAndNextAfter_RunExactlyAtMidnight_DueAtThatInstantNotBefore()
    {
        var schedule = Schedule(Options2026(o => o.SendAt = new TimeOnly(0, 0)));
        var kickOff = Local(2026, 10, 8);

        Assert.Equal(kickOff, schedule.RunsOf(new Quarter(2026, 4))[0].DueAt);
        Assert.Null(schedule.LatestDue(kickOff.AddTicks(-1)));
        Assert.Equal(ReminderKind.KickOff, schedule.NextAfter(kickOff.AddTicks(-1))!.Kind);
        Assert.Equal(ReminderKind.KickOff, schedule.LatestDue(kickOff)!.Kind);
        Assert.Equal(ReminderKind.MidQuarter, schedule.NextAfter(kickOff)!.Kind);
    }

    [Fact]
    public void NextAfter_AfterFinalCall_IsNextYearsKickOff()
    {
        var next = Schedule().NextAfter(Local(2026, 12, 20, 12));

        Assert.Equal("2027Q1-kickoff", next!.RunId);
        Assert.Equal(Local(2027, 1, 4, 9), next.DueAt);
    }

    [Fact]
    public void DueForCatchUp_MissedMidQuarterWithinWindow_ReturnsItOnce()
    {
        var schedule = Schedule();

        Assert.Equal("2026Q4-mid", schedule.DueForCatchUp(Local(2026, 11, 20, 15))!.RunId);
        Assert.Null(schedule.DueForCatchUp(Local(2026, 11, 16, 8, 59)));  // kick-off is 39 days old, mid not yet due
        Assert.Null(schedule.DueForCatchUp(Local(2026, 11, 24, 9)));   // 8 days late: outside the 7-day window
        Assert.Equal("2026Q4-final", schedule.DueForCatchUp(Local(2026, 12, 18))!.RunId); // only the most recent one
    }

    [Fact]
    public void DueForCatchUp_KickOffAndMidBothMissed_OnlyTheMostRecent()
    {
        var due = Schedule(Options2026(o => o.CatchUpWindow = TimeSpan.FromDays(60))).DueForCatchUp(Local(2026, 11, 30));

        Assert.Equal(ReminderKind.MidQuarter, due!.Kind);
    }

    [Fact]
    public void IsWorkingDay_AdjustedWeekendWorkday_WinsOverWeekendAndFixedHoliday()
    {
        var calendar = new WorkingDayCalendar([], [new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 7)], [(10, 7)]);

        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 10)));  // Saturday 调休
        Assert.True(calendar.IsWorkingDay(new DateOnly(2026, 10, 7)));
        Assert.False(calendar.IsWorkingDay(new DateOnly(2026, 10, 11))); // Sunday
    }

    [Theory]
    [InlineData("2026Q4", true, 2026, 4)]
    [InlineData("2026Q5", false, 0, 0)]
    [InlineData("26Q4", false, 0, 0)]
    public void QuarterTryParse_Ids(string text, bool ok, int year, int number)
    {
        Assert.Equal(ok, Quarter.TryParse(text, out var q));
        if (ok)
        {
            Assert.Equal(new Quarter(year, number), q);
            Assert.Equal(text, q.Id);
        }
    }

    [Fact]
    public void RunIds_ManualRun_RoundTrips()
    {
        var id = ReminderRunIds.Of(new Quarter(2026, 4), "manual-202611291030");

        Assert.True(ReminderRunIds.TryParse(id, out var q, out var kind));
        Assert.Equal(new Quarter(2026, 4), q);
        Assert.Equal("manual-202611291030", kind);
        Assert.Equal(ReminderKind.Manual, ReminderKinds.FromSlug(kind));
    }
}

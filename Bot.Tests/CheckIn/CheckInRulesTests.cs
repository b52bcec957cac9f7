using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Tests.Projects;

namespace VolunteerBot.Tests.CheckIn;

/// <summary>The pure rules of check-in: the code window, the old code's minute, hours from the clock, overlap, the rate limit.</summary>
public sealed class CheckInRulesTests
{
    private static readonly DateTimeOffset Start = ProjectSamples.Local(2026, 3, 7, 9); // 09:00–12:00 Shanghai
    private static readonly Project P = ProjectSamples.Make(Start, ProjectStatus.Open);

    private static CheckInSession Session(string code = "123456", DateTimeOffset? shown = null) => new()
    {
        ProjectId = P.Id, Code = code, CodeShownAt = shown ?? Start.AddHours(-1), OpenedByAadObjectId = "l", OpenedByName = "李强", OpenedAt = Start.AddHours(-1),
    };

    private static Attendance Row(Project p, DateTimeOffset @in, DateTimeOffset? @out = null, string who = "v1") => new()
    {
        ProjectId = p.Id, ProjectTitle = p.Title, ProjectStart = p.Start, ProjectEnd = p.End, VolunteerAadObjectId = who, VolunteerName = "王芳",
        DivisionId = "d-energy", IsWalkIn = false, CheckedInAt = @in, CheckedOutAt = @out,
    };

    [Theory]
    [InlineData(-31, CodeCheck.TooEarly)]
    [InlineData(-30, CodeCheck.Valid)]
    [InlineData(0, CodeCheck.Valid)]
    [InlineData(179, CodeCheck.Valid)]
    [InlineData(180, CodeCheck.Closed)]
    public void Check_WindowFromHalfHourBeforeStartUntilEnd(int minutesFromStart, CodeCheck expected) =>
        Assert.Equal(expected, CheckInRules.Check(P, Session(), "123456", Start.AddMinutes(minutesFromStart)));

    [Fact]
    public void Check_OldCode_ValidOneMinuteAfterFreshCodeThenWrong()
    {
        var refreshedAt = Start.AddMinutes(10);
        var s = CheckInRules.Refresh(Session("111111"), "222222", refreshedAt);

        Assert.Equal(CodeCheck.Valid, CheckInRules.Check(P, s, "111111", refreshedAt.AddSeconds(59)));
        Assert.Equal(CodeCheck.Wrong, CheckInRules.Check(P, s, "111111", refreshedAt.AddMinutes(1)));
        Assert.Equal(CodeCheck.Valid, CheckInRules.Check(P, s, "222222", refreshedAt.AddMinutes(5)));
        // Two refreshes: the first code is gone at once.
        var twice = CheckInRules.Refresh(s, "333333", refreshedAt.AddSeconds(10));
        Assert.Equal(CodeCheck.Wrong, CheckInRules.Check(P, twice, "111111", refreshedAt.AddSeconds(20)));
    }

    [Theory]
    [InlineData(0, 180, 3.0)]     // on time, left at the end
    [InlineData(-25, 200, 3.0)]   // early and late: clipped to 09:00–12:00
    [InlineData(10, 145, 2.0)]    // 09:10–11:25 = 2 h 15 → 2
    [InlineData(10, 160, 2.5)]    // 09:10–11:40 = 2 h 30 → 2.5
    [InlineData(0, 29, 0.0)]      // under half an hour
    [InlineData(170, 190, 0.0)]   // ten minutes inside the window
    public void Hours_ClippedToWindowRoundedDownToHalfHour(int inMinutes, int outMinutes, double expected) =>
        Assert.Equal((decimal)expected, CheckInRules.Hours(P.Start, P.End, Start.AddMinutes(inMinutes), Start.AddMinutes(outMinutes)));

    [Fact]
    public void Hours_NoCheckOut_ScheduledEndCounts() =>
        Assert.Equal(2.5m, CheckInRules.Hours(P.Start, P.End, Start.AddMinutes(20), null));

    [Fact]
    public void Record_NoCheckOut_FlaggedAndFromScheduledEnd()
    {
        var r = CheckInRules.Record(P, Row(P, Start.AddMinutes(-10)), new DateOnly(2026, 3, 7), P.End.AddHours(2));

        Assert.Equal(3m, r.Hours);
        Assert.True(r.MissingCheckOut);
        Assert.Equal(RecordSource.CheckIn, r.Source);
        Assert.Equal(RecordStatus.Pending, r.Status);
        Assert.Equal("20260307-" + P.Id, r.Id);
    }

    [Fact]
    public void Apply_SameCheckInTwiceOrDecided_WritesNothing()
    {
        var draft = CheckInRules.Record(P, Row(P, Start, Start.AddHours(2)), new DateOnly(2026, 3, 7), P.End);
        var first = CheckInRules.Apply(null, draft, P.End)!;

        Assert.Null(CheckInRules.Apply(first.After, draft, P.End.AddMinutes(5)));
        Assert.Null(CheckInRules.Apply(first.After with { Status = RecordStatus.Confirmed }, draft, P.End));
        var selfLogged = draft with { Source = RecordSource.Volunteer, Hours = 3m };
        var replaced = CheckInRules.Apply(selfLogged, draft, P.End)!;
        Assert.Equal(RecordSource.CheckIn, replaced.After.Source);
        Assert.Equal(2m, replaced.After.Hours);
        Assert.Equal(AuditAction.Corrected, replaced.Audit.Action);
    }

    [Fact]
    public void MayCheckIn_OtherDivisionOnBranchProject_Refused()
    {
        Assert.Equal(CheckInRefusal.OtherDivision, CheckInRules.MayCheckIn(P, "d-law", [], Start).Refusal);
        Assert.Equal(CheckInRefusal.None, CheckInRules.MayCheckIn(P, "d-energy", [], Start).Refusal);
        var centralised = P with { Organiser = OrganiserType.Centralised };
        Assert.Equal(CheckInRefusal.None, CheckInRules.MayCheckIn(centralised, "d-law", [], Start).Refusal);
    }

    [Fact]
    public void MayCheckIn_StillCheckedInAtOverlappingActivity_RefusedUntilCheckedOut()
    {
        var other = ProjectSamples.Make(Start.AddHours(-1), ProjectStatus.Open); // 08:00–11:00
        var open = Row(other, Start.AddHours(-1));
        var (refusal, blocking) = CheckInRules.MayCheckIn(P, "d-energy", [open], Start.AddMinutes(30));

        Assert.Equal(CheckInRefusal.Overlap, refusal);
        Assert.Equal(other.Id, blocking!.ProjectId);
        Assert.Equal(CheckInRefusal.None, CheckInRules.MayCheckIn(P, "d-energy", [open with { CheckedOutAt = Start.AddMinutes(20) }], Start.AddMinutes(30)).Refusal);
        var later = ProjectSamples.Make(Start.AddHours(5), ProjectStatus.Open); // 14:00–17:00 does not overlap
        Assert.Equal(CheckInRefusal.None, CheckInRules.MayCheckIn(later, "d-energy", [Row(P, Start)], later.Start.AddMinutes(-20)).Refusal);
    }

    [Fact]
    public void Fail_FifthWrongCodeWithinTenMinutes_BlocksTenMinutes()
    {
        var t = CodeThrottle.None;
        var at = Start;
        for (var i = 0; i < 4; i++)
        {
            t = CheckInRules.Fail(t, at.AddMinutes(i * 2));
            Assert.Null(CheckInRules.BlockedUntil(t, at.AddMinutes(i * 2)));
        }

        t = CheckInRules.Fail(t, at.AddMinutes(9));
        Assert.Equal(at.AddMinutes(19), CheckInRules.BlockedUntil(t, at.AddMinutes(9)));
        Assert.NotNull(CheckInRules.BlockedUntil(t, at.AddMinutes(18)));
        Assert.Null(CheckInRules.BlockedUntil(t, at.AddMinutes(19)));
    }

    [Fact]
    public void Fail_FailuresSpreadOverMoreThanTenMinutes_NeverBlock()
    {
        var t = CodeThrottle.None;
        for (var i = 0; i < 10; i++)
        {
            t = CheckInRules.Fail(t, Start.AddMinutes(i * 3));
        }

        Assert.Null(CheckInRules.BlockedUntil(t, Start.AddMinutes(27)));
    }

    [Theory]
    [InlineData("123456", "123456")]
    [InlineData(" 123 456 ", "123456")]
    [InlineData("１２３４５６", "123456")]
    [InlineData("12345", null)]
    [InlineData("12a456", null)]
    [InlineData("明天", null)]
    public void NormalizeCode_SixDigitsOnly(string typed, string? expected) => Assert.Equal(expected, CheckInRules.NormalizeCode(typed));

    [Fact]
    public void NewCode_SixDigitsAndAvoidsTheCurrentOne()
    {
        for (var i = 0; i < 200; i++)
        {
            var code = CheckInRules.NewCode("000000");
            Assert.Matches("^[0-9]{6}$", code);
            Assert.NotEqual("000000", code);
        }
    }
}

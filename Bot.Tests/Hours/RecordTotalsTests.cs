using FsCheck;
using FsCheck.Fluent;
using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Tests.Hours;

/// <summary>The balance and year-total arithmetic of a record change (Domain/Hours/RecordTotals), without storage.</summary>
public sealed class RecordTotalsTests
{
    private static readonly DateOnly Day = new(2025, 3, 8);

    private static ServiceRecord Rec(RecordStatus status, decimal hours = 3m, int points = 36, string division = "d1") =>
        HoursArithmeticTests.Record(Day, "2025-aaaa0001", hours, status, points) with { DivisionId = division };

    [Fact]
    public void Move_PendingLogged_ChangesNothing()
    {
        var change = RecordTotals.Move(null, Rec(RecordStatus.Pending), null, null);

        Assert.Null(change.Balance);
        Assert.Null(change.Year);
    }

    [Fact]
    public void Move_Confirmed_AddsPointsHoursAndOneRecordInItsDivision()
    {
        var change = RecordTotals.Move(Rec(RecordStatus.Pending), Rec(RecordStatus.Confirmed), new PointsBalance(10, 4), null);

        Assert.Equal(new PointsBalance(46, 4), change.Balance);
        var year = change.Year!;
        Assert.Equal((2025, "v1", "王芳", 3m, 36, 1), (year.Year, year.VolunteerAadObjectId, year.VolunteerName, year.Hours, year.Points, year.Records));
        Assert.Equal(3m, year.HoursByDivision["d1"]);
    }

    [Fact]
    public void Move_CorrectedIntoAnotherDivision_MovesHoursAndDropsEmptyDivision()
    {
        var before = Rec(RecordStatus.Confirmed);
        var year = new YearSummary { Year = 2025, VolunteerAadObjectId = "v1", VolunteerName = "王芳", Hours = 5m, Points = 60, Records = 2, HoursByDivision = new Dictionary<string, decimal> { ["d1"] = 3m, ["d9"] = 2m } };

        var change = RecordTotals.Move(before, Rec(RecordStatus.Confirmed, 2.5m, 25, "d2"), new PointsBalance(60, 0), year);

        Assert.Equal(new PointsBalance(49, 0), change.Balance);
        Assert.Equal(4.5m, change.Year!.Hours);
        Assert.Equal(2, change.Year.Records);
        Assert.Equal(new Dictionary<string, decimal> { ["d2"] = 2.5m, ["d9"] = 2m }, change.Year.HoursByDivision);
    }

    [Fact]
    public void Move_Rejected_TakesBackWhatTheConfirmationGave()
    {
        var confirmed = RecordTotals.Move(Rec(RecordStatus.Pending), Rec(RecordStatus.Confirmed), null, null);

        var rejected = RecordTotals.Move(Rec(RecordStatus.Confirmed), Rec(RecordStatus.Rejected, points: 0), confirmed.Balance, confirmed.Year);

        Assert.Equal(PointsBalance.Zero, rejected.Balance);
        Assert.Equal((0m, 0, 0), (rejected.Year!.Hours, rejected.Year.Points, rejected.Year.Records));
        Assert.Empty(rejected.Year.HoursByDivision);
    }

    [Fact]
    public void Move_OnlyTheNameChanged_RewritesYearButNotBalance()
    {
        var year = new YearSummary { Year = 2025, VolunteerAadObjectId = "v1", VolunteerName = "王 芳" };

        var change = RecordTotals.Move(Rec(RecordStatus.Pending), Rec(RecordStatus.Pending), PointsBalance.Zero, year);

        Assert.Null(change.Balance);
        Assert.Equal("王芳", change.Year!.VolunteerName);
    }

    [Fact]
    public void Redeem_CoveredShortAndRepeated_RecordsOnceAndNeverGoesNegative()
    {
        var exchange = new PointsExchange("x1", "v1", 30, "纪念品", "c1", "张书记", DateTimeOffset.UnixEpoch);

        Assert.Equal((ExchangeOutcome.Recorded, new PointsBalance(36, 30)), RecordTotals.Redeem(new PointsBalance(36, 0), exchange, false));
        Assert.Equal((ExchangeOutcome.Insufficient, new PointsBalance(36, 10)), RecordTotals.Redeem(new PointsBalance(36, 10), exchange, false));
        Assert.Equal((ExchangeOutcome.AlreadyRecorded, new PointsBalance(36, 30)), RecordTotals.Redeem(new PointsBalance(36, 30), exchange, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => RecordTotals.Redeem(null, exchange with { Points = 0 }, false));
    }

    /// <summary>
    /// Any sequence of changes to one record (status, hours, division) leaves the totals equal to what the last state
    /// counts, so the balance always equals the confirmed records' points (R13).
    /// </summary>
    [Fact]
    public void Move_AnySequenceOfChanges_TotalsEqualTheLastState()
    {
        var state = from status in Gen.Elements(RecordStatus.Pending, RecordStatus.Confirmed, RecordStatus.Rejected)
                    from halves in Gen.Choose(1, 48)
                    from division in Gen.Elements("d1", "d2", "d3")
                    select Rec(status, halves / 2m, halves * 6, division);
        Prop.ForAll(Gen.NonEmptyListOf(state).ToArbitrary(), states =>
        {
            ServiceRecord? before = null;
            PointsBalance? balance = null;
            YearSummary? year = null;
            foreach (var after in states)
            {
                var change = RecordTotals.Move(before, after, balance, year);
                balance = change.Balance ?? balance;
                year = change.Year ?? year;
                before = after;
            }

            var (hours, points, count) = RecordTotals.Counted(before);
            var byDivision = year?.HoursByDivision ?? new Dictionary<string, decimal>();
            return (balance?.Earned ?? 0) == points
                && (year?.Hours ?? 0m) == hours && (year?.Points ?? 0) == points && (year?.Records ?? 0) == count
                && byDivision.Values.Sum() == hours && byDivision.Values.All(h => h > 0);
        }).QuickCheckThrowOnFailure();
    }
}

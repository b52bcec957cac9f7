using VolunteerBot.Dialogs.Domain.Reminders;

namespace VolunteerBot.Tests.Reminders;

/// <summary>The one Quarter type that quotas, the digest, reminders and photo archives share.</summary>
public sealed class QuarterTests
{
    private static readonly TimeZoneInfo Shanghai = ReminderScheduleTests.Shanghai;

    [Fact]
    public void StartInEndIn_FourthQuarter_AreShanghaiMidnightsAcrossTheYear()
    {
        var q = new Quarter(2026, 4);

        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(8)), q.StartIn(Shanghai));
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), q.EndIn(Shanghai));
        Assert.Equal(new DateOnly(2026, 12, 31), q.LastDay);
    }

    [Fact]
    public void Of_InstantJustAfterShanghaiNewYear_IsTheNewYearsFirstQuarter()
    {
        var utc = new DateTimeOffset(2026, 12, 31, 16, 0, 0, TimeSpan.Zero); // 2027-01-01 00:00 in Shanghai

        Assert.Equal(new Quarter(2027, 1), Quarter.Of(utc, Shanghai));
        Assert.Equal(new Quarter(2026, 4), Quarter.Of(utc.AddTicks(-1), Shanghai));
    }

    [Fact]
    public void PreviousNextAndId_AcrossYears_RoundTrip()
    {
        var q = new Quarter(2027, 1);

        Assert.Equal(new Quarter(2026, 4), q.Previous);
        Assert.Equal(q, q.Previous.Next);
        Assert.Equal("2027Q1", q.ToString());
        Assert.True(Quarter.TryParse(q.Id, out var parsed) && parsed == q);
        Assert.True(q.Previous.CompareTo(q) < 0);
    }
}

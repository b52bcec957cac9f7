using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Tests.Localization;

/// <summary>
/// The patterns in Resources/&lt;lang&gt;/format.json write what the cards wrote before they moved there (ISO dates, 24-hour
/// times, " · " between fields), in both languages, whatever the thread's culture.
/// </summary>
public sealed class TextFormatTests
{
    private static readonly DateTimeOffset Local = new(2026, 6, 7, 9, 5, 0, TimeSpan.FromHours(8));

    [Theory]
    [InlineData(Language.ZhCn)]
    [InlineData(Language.EnUs)]
    public void Formats_EachLanguage_WriteIsoDatesTwentyFourHourTimesAndTheDot(Language language)
    {
        var L = Localizer.For(language);

        Assert.Equal("2026-06-07", L.Date(new DateOnly(2026, 6, 7)));
        Assert.Equal("2026-06-07", L.Date(Local));
        Assert.Equal("2026-06-07 09:05", L.DateTime(Local));
        Assert.Equal("09:05", L.Time(Local));
        Assert.Equal("06-07", L.MonthDay(new DateOnly(2026, 6, 7)));
        Assert.Equal(" · ", L.Separator());
        Assert.Equal("a · b · c", L.Joined("a", "b", "c"));
    }

    [Fact]
    public void DateTime_ArabicCultureOnThread_StillWritesLatinDigits()
    {
        var before = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("ar-SA");
            Assert.Equal("2026-06-07 09:05", Localizer.For(Language.ZhCn).DateTime(Local));
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = before;
        }
    }
}

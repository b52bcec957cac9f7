using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Walk;

/// <summary>
/// Found in the Playground walkthrough: 我的志愿记录 listed a recent record as "3 h · 已确认 · 36", an English
/// unit and a bare number in the Chinese card.
/// </summary>
public sealed class MyRecordTextTests
{
    [Fact]
    public void MyRecord_ConfirmedRecentRecord_NamesHoursAndPointsInChinese()
    {
        var text = CardText.Of(Card(Language.ZhCn));

        Assert.Contains("3 小时 · 已确认 · 36 积分", text, StringComparison.Ordinal);
        Assert.DoesNotContain("3 h ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void MyRecord_ConfirmedRecentRecord_NamesHoursAndPointsInEnglish()
    {
        var text = CardText.Of(Card(Language.EnUs));

        Assert.Contains("3 h · ", text, StringComparison.Ordinal);
        Assert.Contains("36 points", text, StringComparison.Ordinal);
    }

    private static System.Text.Json.Nodes.JsonObject Card(Language language)
    {
        var record = WalkRecords.LiuYangCommunity(RecordStatus.Confirmed, points: 36);
        var standing = new MyStanding(3m, 3m, 36, 36, 0, 17m, true, false);
        return HoursCards.MyRecord(Localizer.For(language), "刘洋", standing, new PointsBalance(36, 0), [record], new DateOnly(2026, 11, 29)).ToJson();
    }
}

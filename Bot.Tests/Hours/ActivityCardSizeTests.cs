using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Tests.Hours;

public sealed class ActivityCardSizeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public void ActivityPage_FullPageOfLongNamesWithErrors_FarUnderTeamsLimit()
    {
        var L = Localizer.For(Language.ZhCn);
        var size = Dialogs.Handlers.Hours.ActivityConfirmationFlow.PageSize;
        var rows = Enumerable.Range(0, size).Select(i => new Dialogs.Cards.ConfirmationRow(Guid.NewGuid().ToString(),
            $"阿不都热合曼·买买提依明·欧阳娜仁其其格{i:D3}", null, true, "12.5", "Good", false)).ToList();
        var errors = Enumerable.Range(0, size).ToDictionary(Dialogs.Cards.HoursAdminCards.HoursOf, _ => "hours.error.hours.day");
        var card = Dialogs.Cards.HoursAdminCards.Activity(L, "2026-0123456789abcdef", "“学雷锋”志愿服务月·银川市金凤区社区垃圾分类宣传进万家主题活动",
            "2026-03-05 09:00 – 2026-03-05 12:00 · 金凤区XX社区", L.Format("hours.activity.deadline", "2026-03-19"), rows,
            new Dialogs.Cards.ConfirmationPage(3, 17, 36, 36, 200), errors, L.Format("hours.activity.pageDone", 3, 12, "30", 0), L["hours.activity.unsaved"]);

        // Default escaping writes each Chinese character as \uXXXX (6 bytes instead of 3): an upper bound of the wire size.
        var bytes = System.Text.Encoding.UTF8.GetByteCount(card.ToJson().ToJsonString());
        output.WriteLine($"{size} lines, every one with an error: {bytes} bytes ({bytes / size} per line)");
        Assert.InRange(bytes, 1, 28 * 1024 * 2 / 3);
    }
}

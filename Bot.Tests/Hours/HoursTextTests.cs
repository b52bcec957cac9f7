using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Tests.Hours;

public sealed class HoursTextTests
{
    [Fact]
    public void HoursTexts_EveryKey_ExistsInBothLanguages()
    {
        var zh = TextCatalog.Shared.Keys(Language.ZhCn).Where(k => k.StartsWith("hours.", StringComparison.Ordinal)).ToHashSet();
        var en = TextCatalog.Shared.Keys(Language.EnUs).Where(k => k.StartsWith("hours.", StringComparison.Ordinal)).ToHashSet();

        Assert.Contains("hours.activity.progress", zh);
        Assert.True(zh.SetEquals(en), string.Join(", ", zh.Except(en).Concat(en.Except(zh))));
    }
}

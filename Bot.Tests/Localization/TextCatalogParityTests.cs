using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Tests.Localization;

/// <summary>Every text exists in both languages: the whole catalogue, every file under Resources/zh-CN and Resources/en-US.</summary>
public sealed class TextCatalogParityTests
{
    [Fact]
    public void Keys_WholeCatalogue_SameInZhCnAndEnUs()
    {
        var zh = TextCatalog.Shared.Keys(Language.ZhCn).ToHashSet(StringComparer.Ordinal);
        var en = TextCatalog.Shared.Keys(Language.EnUs).ToHashSet(StringComparer.Ordinal);

        Assert.True(zh.Count > 0, "The zh-CN catalogue is empty.");
        Assert.Empty(zh.Except(en).Order(StringComparer.Ordinal));
        Assert.Empty(en.Except(zh).Order(StringComparer.Ordinal));
    }
}

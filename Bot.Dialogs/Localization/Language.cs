namespace VolunteerBot.Dialogs.Localization;

/// <summary>The two interface languages. Chinese is the office's default.</summary>
public enum Language
{
    ZhCn,
    EnUs,
}

public static class LanguageCodes
{
    public static string Code(this Language language) => language == Language.EnUs ? "en-US" : "zh-CN";

    /// <summary>Parses "zh-CN", "zh", "中文", "en-US", "en", "English"; null when it is neither.</summary>
    public static Language? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var v = value.Trim();
        if (v.StartsWith("zh", StringComparison.OrdinalIgnoreCase) || v == "中文")
        {
            return Language.ZhCn;
        }

        if (v.StartsWith("en", StringComparison.OrdinalIgnoreCase) || v == "英文")
        {
            return Language.EnUs;
        }

        return null;
    }
}

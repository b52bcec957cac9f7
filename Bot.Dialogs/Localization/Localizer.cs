using System.Globalization;

namespace VolunteerBot.Dialogs.Localization;

/// <summary>Texts bound to one user's language. <c>L["key"]</c> or <c>L.Format("key", args)</c>.</summary>
public sealed class Localizer(TextCatalog catalog, Language language)
{
    public Language Language { get; } = language;

    public CultureInfo Culture => CultureInfo.GetCultureInfo(Language.Code());

    public string this[string key] => catalog.Get(Language, key);

    public string Format(string key, params object?[] args) =>
        string.Format(Culture, catalog.Get(Language, key), args);

    public static Localizer For(Language language) => new(TextCatalog.Shared, language);
}

using System.Globalization;

namespace VolunteerBot.Dialogs.Localization;

/// <summary>
/// How dates, times and run-together fields are written in text users see, one place for every card: the patterns come
/// from the text catalogue (Resources/&lt;lang&gt;/format.json), so both languages are set side by side and a change needs
/// no code. Values are already local (Asia/Shanghai) where a time zone matters; digits are written the same in every
/// culture. Not for storage keys, file names or Adaptive Card input values (Input.Date/Input.Time need ISO forms).
/// </summary>
public static class TextFormat
{
    /// <summary>A calendar date: "2026-06-07".</summary>
    public static string Date(this Localizer L, DateOnly date) => date.ToString(L["format.date"], CultureInfo.InvariantCulture);

    /// <summary>The date of a local instant: "2026-06-07".</summary>
    public static string Date(this Localizer L, DateTimeOffset local) => local.ToString(L["format.date"], CultureInfo.InvariantCulture);

    /// <summary>A local instant to the minute: "2026-06-07 09:30".</summary>
    public static string DateTime(this Localizer L, DateTimeOffset local) => local.ToString(L["format.dateTime"], CultureInfo.InvariantCulture);

    /// <summary>The clock time of a local instant: "09:30".</summary>
    public static string Time(this Localizer L, DateTimeOffset local) => local.ToString(L["format.time"], CultureInfo.InvariantCulture);

    /// <summary>Month and day, where the year is plain from the context: "06-07".</summary>
    public static string MonthDay(this Localizer L, DateOnly date) => date.ToString(L["format.monthDay"], CultureInfo.InvariantCulture);

    /// <summary>A date written out in a sentence of a document: "2026年6月7日", "June 7, 2026".</summary>
    public static string LongDate(this Localizer L, DateOnly date) => date.ToString(L["format.longDate"], CultureInfo.InvariantCulture);

    /// <summary>A date in the name of a file the user downloads: "20260607".</summary>
    public static string FileDate(this Localizer L, DateOnly date) => date.ToString(L["format.fileDate"], CultureInfo.InvariantCulture);

    /// <summary>The date of a local instant in the name of a file or folder the user downloads: "20260607".</summary>
    public static string FileDate(this Localizer L, DateTimeOffset local) => local.ToString(L["format.fileDate"], CultureInfo.InvariantCulture);

    /// <summary>A local instant to the minute in the name of a file the user downloads (a photo in a zip): "20260607-0930".</summary>
    public static string FileDateTime(this Localizer L, DateTimeOffset local) => local.ToString(L["format.fileDateTime"], CultureInfo.InvariantCulture);

    /// <summary>A rate as a percentage to one decimal, the same in both languages: 0.625 → "62.5%".</summary>
    public static string Percent(decimal rate) => (rate * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>What stands between fields written on one line: " · ".</summary>
    public static string Separator(this Localizer L) => L["format.separator"];

    /// <summary>Fields written on one line, with <see cref="Separator"/> between them.</summary>
    public static string Joined(this Localizer L, params IEnumerable<string> parts) => string.Join(L["format.separator"], parts);

    /// <summary>What stands between the items of a list written in a line of text: "、" in Chinese, ", " in English.</summary>
    public static string ListSeparator(this Localizer L) => L["format.listSeparator"];

    /// <summary>Items written as a list, with <see cref="ListSeparator"/> between them.</summary>
    public static string List(this Localizer L, params IEnumerable<string> items) => string.Join(L["format.listSeparator"], items);
}

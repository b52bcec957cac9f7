using System.Globalization;

namespace VolunteerBot.Dialogs.Conversation;

/// <summary>
/// Card input values and action data. Teams sends every input as a string ("7.5", "true"),
/// so parsing lives here once.
/// </summary>
public sealed class CardData
{
    public static readonly CardData Empty = new(new Dictionary<string, string>());

    private readonly IReadOnlyDictionary<string, string> _values;

    public CardData(IReadOnlyDictionary<string, string> values) => _values = values;

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? this[string key] => Get(key);

    /// <summary>The trimmed value, or null when absent or blank.</summary>
    public string? Get(string key) =>
        _values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

    /// <summary>The raw value as typed (not trimmed), or empty. Use it to give a user's input back on a card.</summary>
    public string Raw(string key) => _values.TryGetValue(key, out var v) ? v : "";

    public bool Has(string key) => Get(key) is not null;

    public decimal? GetDecimal(string key) =>
        decimal.TryParse(Get(key), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) ? d : null;

    public int? GetInt(string key) =>
        int.TryParse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : null;

    /// <summary>Input.Toggle sends "true"/"false"; anything else is false.</summary>
    public bool GetBool(string key) =>
        string.Equals(Get(key), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Input.Date sends yyyy-MM-dd.</summary>
    public DateOnly? GetDate(string key) =>
        DateOnly.TryParseExact(Get(key), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>Input.Time sends HH:mm.</summary>
    public TimeOnly? GetTime(string key) =>
        TimeOnly.TryParseExact(Get(key), ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    /// <summary>Input.ChoiceSet with isMultiSelect sends "a,b,c".</summary>
    public IReadOnlyList<string> GetList(string key) =>
        Get(key)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

    public CardData With(string key, string value)
    {
        var copy = new Dictionary<string, string>(_values, StringComparer.Ordinal) { [key] = value };
        return new CardData(copy);
    }
}

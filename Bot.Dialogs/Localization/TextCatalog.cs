using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;

namespace VolunteerBot.Dialogs.Localization;

/// <summary>
/// All interface texts, read once from the embedded JSON files under <c>Resources/zh-CN</c> and
/// <c>Resources/en-US</c>. Each feature keeps its own file; keys are unique across files.
/// </summary>
public sealed class TextCatalog
{
    private readonly FrozenDictionary<Language, FrozenDictionary<string, string>> _texts;

    private TextCatalog(Dictionary<Language, Dictionary<string, string>> texts) =>
        _texts = texts.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenDictionary(StringComparer.Ordinal));

    public static TextCatalog Shared { get; } = LoadEmbedded();

    public IReadOnlyCollection<string> Keys(Language language) => _texts[language].Keys;

    public bool TryGet(Language language, string key, out string text) =>
        _texts[language].TryGetValue(key, out text!);

    /// <summary>
    /// What a missing text does. <see cref="MissingTextMode.Fallback"/> (production) shows the Chinese text, then the key
    /// itself, and reports it to <see cref="MissingText"/> (the host logs a warning). <see cref="MissingTextMode.Throw"/>
    /// (tests and Development) throws, so a missing or misspelt key fails the test that reaches it.
    /// </summary>
    public static MissingTextMode Mode { get; set; } = MissingTextMode.Fallback;

    /// <summary>
    /// Told of every missing text (language, key), in either mode: production logs it; the test host fails a test whose
    /// turn or background job met one, even where the turn's error handler caught the exception.
    /// </summary>
    public static event Action<Language, string>? MissingText;

    public string Get(Language language, string key)
    {
        if (_texts[language].TryGetValue(key, out var text))
        {
            return text;
        }

        MissingText?.Invoke(language, key);
        if (Mode == MissingTextMode.Throw)
        {
            throw new MissingTextException(language, key);
        }

        return _texts[Language.ZhCn].TryGetValue(key, out var zh) ? zh : key;
    }

    private static TextCatalog LoadEmbedded()
    {
        var assembly = typeof(TextCatalog).Assembly;
        var texts = new Dictionary<Language, Dictionary<string, string>>
        {
            [Language.ZhCn] = new(StringComparer.Ordinal),
            [Language.EnUs] = new(StringComparer.Ordinal),
        };

        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("texts.", StringComparison.Ordinal)))
        {
            var language = name.Contains("en-US", StringComparison.Ordinal) ? Language.EnUs : Language.ZhCn;
            using var stream = assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"Resource {name} vanished.");
            var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
                ?? throw new InvalidOperationException($"Resource {name} is empty.");
            foreach (var (key, value) in entries)
            {
                if (!texts[language].TryAdd(key, value))
                {
                    throw new InvalidOperationException($"Text key '{key}' is defined twice ({name}).");
                }
            }
        }

        return new TextCatalog(texts);
    }

    internal static Assembly ResourceAssembly => typeof(TextCatalog).Assembly;
}

public enum MissingTextMode
{
    /// <summary>Show the Chinese text, else the key, and report it (production).</summary>
    Fallback,

    /// <summary>Throw <see cref="MissingTextException"/> (tests, Development).</summary>
    Throw,
}

/// <summary>A text key that the catalogue does not have in the asked language.</summary>
public sealed class MissingTextException(Language language, string key)
    : KeyNotFoundException($"Text '{key}' is missing from the {language.Code()} catalogue (Resources/{language.Code()}/*.json).")
{
    public Language Language { get; } = language;

    public string Key { get; } = key;
}

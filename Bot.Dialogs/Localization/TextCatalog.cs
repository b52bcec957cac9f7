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

    public string Get(Language language, string key)
    {
        if (_texts[language].TryGetValue(key, out var text))
        {
            return text;
        }

        // A missing translation falls back to Chinese, then to the key itself, never to an exception.
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

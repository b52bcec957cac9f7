using System.Text.Json;
using System.Text.RegularExpressions;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Tests.Localization;

/// <summary>
/// The whole text catalogue, file by file: every Resources/zh-CN/*.json has an en-US twin with the same keys, no empty
/// text, and the same placeholders ({0}, {name}) in both languages. A missing key at run time throws in tests
/// (<see cref="StrictTexts"/>) and is logged in production.
/// </summary>
public sealed partial class TextCatalogParityTests
{
    private static Dictionary<string, Dictionary<string, string>> Files(string language)
    {
        var assembly = typeof(TextCatalog).Assembly;
        // Embedded as texts.<language>/<file>.json (the separator is the build machine's).
        var prefix = "texts." + language;
        var files = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.Length > prefix.Length && n[prefix.Length] is '/' or '\\' or '.'))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            files[name[(prefix.Length + 1)..]] = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!;
        }

        return files;
    }

    public static TheoryData<string> ZhFiles() => [.. Files("zh-CN").Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Files_WholeCatalogue_SameFilesInZhCnAndEnUs()
    {
        var zh = Files("zh-CN").Keys.ToHashSet(StringComparer.Ordinal);
        var en = Files("en-US").Keys.ToHashSet(StringComparer.Ordinal);

        Assert.True(zh.Count > 10, "The zh-CN catalogue is not embedded.");
        Assert.Empty(zh.Except(en).Order(StringComparer.Ordinal));
        Assert.Empty(en.Except(zh).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ZhFiles))]
    public void Keys_EveryFile_SameKeysNoEmptyTextSamePlaceholders(string file)
    {
        var zh = Files("zh-CN")[file];
        var en = Files("en-US").GetValueOrDefault(file) ?? [];

        Assert.Empty(zh.Keys.Except(en.Keys).Select(k => "only in zh-CN: " + k).Order(StringComparer.Ordinal));
        Assert.Empty(en.Keys.Except(zh.Keys).Select(k => "only in en-US: " + k).Order(StringComparer.Ordinal));
        Assert.Empty(zh.Concat(en).Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => "empty: " + kv.Key));
        var mismatched = zh.Keys.Intersect(en.Keys)
            .Where(k => !Placeholders(zh[k]).SetEquals(Placeholders(en[k])))
            .Select(k => $"{k}: zh-CN {{{string.Join(",", Placeholders(zh[k]).Order(StringComparer.Ordinal))}}} en-US {{{string.Join(",", Placeholders(en[k]).Order(StringComparer.Ordinal))}}}");
        Assert.Empty(mismatched);
    }

    [Fact]
    public void Keys_WholeCatalogue_SameInZhCnAndEnUs()
    {
        var zh = TextCatalog.Shared.Keys(Language.ZhCn).ToHashSet(StringComparer.Ordinal);
        var en = TextCatalog.Shared.Keys(Language.EnUs).ToHashSet(StringComparer.Ordinal);

        Assert.True(zh.Count > 0, "The zh-CN catalogue is empty.");
        Assert.Empty(zh.Except(en).Order(StringComparer.Ordinal));
        Assert.Empty(en.Except(zh).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Get_MissingKeyUnderTests_Throws()
    {
        var error = Assert.Throws<MissingTextException>(() => Localizer.For(Language.EnUs)["test.missing.text"]);

        Assert.Equal("test.missing.text", error.Key);
        Assert.Equal(Language.EnUs, error.Language);
    }

    [Fact]
    public void Get_MissingKeyInFallbackMode_ShowsKeyAndReports()
    {
        var reported = new List<string>();
        void Report(Language l, string k) => reported.Add(k);
        var catalog = TextCatalog.Shared;

        // The mode is process-wide; this is the only test that leaves Throw, and it restores it before asserting.
        lock (ModeGate)
        {
            TextCatalog.MissingText += Report;
            TextCatalog.Mode = MissingTextMode.Fallback;
            string shown;
            try
            {
                shown = catalog.Get(Language.ZhCn, "test.missing.either");
            }
            finally
            {
                TextCatalog.Mode = MissingTextMode.Throw;
                TextCatalog.MissingText -= Report;
            }

            Assert.Equal("test.missing.either", shown);
            Assert.Equal(["test.missing.either"], reported);
        }
    }

    private static readonly object ModeGate = new();

    /// <summary>{0}, {1:N1}, {name}: the name or index, without format; "{{" escapes are not placeholders.</summary>
    private static HashSet<string> Placeholders(string text) =>
        [.. PlaceholderPattern().Matches(text.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal)).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}

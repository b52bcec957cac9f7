using System.Globalization;
using System.Text.RegularExpressions;

namespace VolunteerBot.Dialogs.Domain.Hours;

/// <summary>What the quick form said: <c>登记 3 小时 垃圾分类宣传</c> / <c>log 3h waste sorting</c>.</summary>
public sealed record QuickLog(decimal? Hours, string Text);

/// <summary>Reads the quick form and finds the signed-up activity it most likely means.</summary>
public static partial class QuickLogParser
{
    [GeneratedRegex(@"^(?<h>\d+(?:[.．]\d+)?)\s*(?:个)?\s*(?:小时|钟头|hours?|hrs?|h)?\b?\s*(?<rest>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    public static QuickLog Parse(string arguments)
    {
        var text = arguments.Trim();
        var match = Pattern().Match(text);
        if (!match.Success || text.Length == 0 || !char.IsAsciiDigit(text[0]))
        {
            return new QuickLog(null, text);
        }

        var number = match.Groups["h"].Value.Replace('．', '.');
        var hours = decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var h) ? h : (decimal?)null;
        return new QuickLog(hours, match.Groups["rest"].Value.Trim());
    }

    /// <summary>True when the words ask for community service where one lives (社区 / community).</summary>
    public static bool MeansCommunity(string text) =>
        text.Contains("社区", StringComparison.Ordinal) && !text.Contains("进社区", StringComparison.Ordinal)
        || text.StartsWith("community", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The candidate whose title (or category name) best matches the words: containment either way scores highest,
    /// then shared characters. With no words, the most recent candidate. Candidates are newest first.
    /// </summary>
    public static T? BestMatch<T>(IReadOnlyList<T> candidates, string text, Func<T, IEnumerable<string>> names) where T : class
    {
        if (candidates.Count == 0)
        {
            return null;
        }

        if (text.Length == 0)
        {
            return candidates[0];
        }

        var words = text.ToUpperInvariant();
        T? best = null;
        var bestScore = 0d;
        foreach (var candidate in candidates)
        {
            foreach (var name in names(candidate).Select(n => n.ToUpperInvariant()).Where(n => n.Length > 0))
            {
                double score = name.Contains(words, StringComparison.Ordinal) || words.Contains(name, StringComparison.Ordinal)
                    ? 2
                    : (double)words.Distinct().Count(c => !char.IsWhiteSpace(c) && name.Contains(c)) / words.Distinct().Count(c => !char.IsWhiteSpace(c));
                if (score > bestScore)
                {
                    bestScore = score;
                    best = candidate;
                }
            }
        }

        return bestScore >= 0.5 ? best : candidates.Count == 1 ? candidates[0] : null;
    }
}

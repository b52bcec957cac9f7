using System.Text;

namespace VolunteerBot.Dialogs.Routing;

/// <summary>
/// How typed text is compared with command words: full-width forms folded to half-width (NFKC), case folded, and —
/// for phrasings — spaces and punctuation dropped, so "我的 志愿记录！", "ＨＥＬＰ" and "sign-up" match their commands.
/// </summary>
public static class CommandText
{
    /// <summary>NFKC (full-width → half-width, ideographic space → space), lower case, runs of space collapsed.</summary>
    public static string Fold(string text) => FoldKeepCase(text).ToLowerInvariant();

    /// <summary>Like <see cref="Fold"/> but keeping case, for arguments (same length as the folded text).</summary>
    public static string FoldKeepCase(string text)
    {
        var folded = (text ?? "").Normalize(NormalizationForm.FormKC);
        return string.Join(' ', folded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The folded text with every space, punctuation mark and symbol removed.</summary>
    public static string Compact(string text)
    {
        var folded = Fold(text);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Drops polite openings and trailing particles ("请帮我查一下…吧", "please show …") so that the core phrase is left.
    /// Latin fillers are removed only as whole words.
    /// </summary>
    public static string StripFillers(string folded, IReadOnlyList<string> fillers, IReadOnlyList<string> particles)
    {
        var text = folded.Trim();
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var filler in fillers)
            {
                if (text.Length > filler.Length && text.StartsWith(filler, StringComparison.Ordinal)
                    && (IsCjk(filler[^1]) || !char.IsLetterOrDigit(text[filler.Length])))
                {
                    text = text[filler.Length..].TrimStart();
                    changed = true;
                }
            }
        }

        text = text.TrimEnd('。', '.', '!', '?', '~', ' ');
        foreach (var particle in particles)
        {
            if (text.Length > particle.Length + 1 && text.EndsWith(particle, StringComparison.Ordinal))
            {
                text = text[..^particle.Length];
                break;
            }
        }

        return text;
    }

    public static bool IsCjk(char c) => c >= 0x2E80;

    /// <summary>Levenshtein distance, stopping early once it exceeds <paramref name="max"/>.</summary>
    public static int EditDistance(string a, string b, int max)
    {
        if (Math.Abs(a.Length - b.Length) > max)
        {
            return max + 1;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }

            if (rowMin > max)
            {
                return max + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>
    /// How alike two compact phrases are, 0..1: for Chinese, the share of characters they have in common (Dice over
    /// characters); for Latin text, Dice over letter pairs. Containment of one in the other scores at least 0.6.
    /// </summary>
    public static double Similarity(string text, string phrase)
    {
        if (text.Length == 0 || phrase.Length == 0)
        {
            return 0;
        }

        if (text == phrase)
        {
            return 1;
        }

        var cjk = text.Any(IsCjk) || phrase.Any(IsCjk);
        var score = cjk ? Dice(Units(text, 1), Units(phrase, 1)) : Dice(Units(text, 2), Units(phrase, 2));
        if (Math.Min(text.Length, phrase.Length) >= 2 && (text.Contains(phrase, StringComparison.Ordinal) || phrase.Contains(text, StringComparison.Ordinal)))
        {
            score = Math.Max(score, 0.6);
        }

        return score;
    }

    private static List<string> Units(string text, int size)
    {
        var units = new List<string>();
        if (text.Length < size)
        {
            units.Add(text);
            return units;
        }

        for (var i = 0; i + size <= text.Length; i++)
        {
            units.Add(text.Substring(i, size));
        }

        return units;
    }

    private static double Dice(List<string> a, List<string> b)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var unit in a)
        {
            counts[unit] = counts.GetValueOrDefault(unit) + 1;
        }

        var common = 0;
        foreach (var unit in b)
        {
            if (counts.TryGetValue(unit, out var n) && n > 0)
            {
                counts[unit] = n - 1;
                common++;
            }
        }

        return 2.0 * common / (a.Count + b.Count);
    }
}

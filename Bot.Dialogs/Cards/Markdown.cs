using System.Text;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>
/// Teams renders a subset of Markdown in TextBlocks and FactSet titles and values. Text a user typed (names, titles,
/// places, descriptions, feedback, reasons) must show literally, never as a link or formatting:
/// <list type="bullet">
/// <item><see cref="Escape"/> — the helper for user-supplied text put into a card: backslash-escapes every character
/// Markdown gives a meaning (emphasis, links, code, headings, quotes, HTML) and a list marker at a line start;</item>
/// <item><see cref="Neutralize"/> — applied by <see cref="El"/> to every TextBlock and FactSet string as a backstop:
/// escapes link, code and HTML brackets that are not escaped yet (our own texts never use them), so a value that
/// missed <see cref="Escape"/> still cannot become a link.</item>
/// </list>
/// Both are idempotent together: <c>Neutralize(Escape(x)) == Escape(x)</c>.
/// </summary>
public static class Markdown
{
    private const string Special = "\\*_[]()`~<>#|!{}";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var sb = new StringBuilder(text.Length + 8);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (lineStart)
            {
                // "- x", "+ x", "1. x", "> x" start lists and quotes; an escaped marker stays text.
                var j = i;
                while (j < text.Length && text[j] is ' ' or '\t')
                {
                    sb.Append(text[j]);
                    j++;
                }

                i = j;
                if (i >= text.Length)
                {
                    break;
                }

                c = text[i];
                if (c is '-' or '+' or '=')
                {
                    sb.Append('\\');
                }
                else if (char.IsAsciiDigit(c))
                {
                    var k = i;
                    while (k < text.Length && char.IsAsciiDigit(text[k]))
                    {
                        k++;
                    }

                    if (k < text.Length && text[k] is '.' or ')')
                    {
                        sb.Append(text, i, k - i).Append('\\').Append(text[k]);
                        i = k;
                        lineStart = false;
                        continue;
                    }
                }
            }

            lineStart = c is '\n' or '\r';
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Escapes <c>[ ] &lt; &gt; `</c> not already escaped: no link, autolink, HTML or code span can form.</summary>
    public static string Neutralize(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAny("[]<>`") < 0)
        {
            return text ?? "";
        }

        var sb = new StringBuilder(text.Length + 8);
        var backslashes = 0;
        foreach (var c in text)
        {
            if (c is '[' or ']' or '<' or '>' or '`' && backslashes % 2 == 0)
            {
                sb.Append('\\');
            }

            backslashes = c == '\\' ? backslashes + 1 : 0;
            sb.Append(c);
        }

        return sb.ToString();
    }
}

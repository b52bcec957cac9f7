using System.Text;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>User text shown inside card markdown: every character Teams' markdown subset reads is escaped.</summary>
public static class Markdown
{
    private const string Special = "\\`*_{}[]()<>#+-.!|~";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(c is '\r' or '\n' ? ' ' : c);
        }

        return builder.ToString();
    }
}

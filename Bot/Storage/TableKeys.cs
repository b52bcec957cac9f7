using System.Text;

namespace VolunteerBot.Storage;

/// <summary>
/// Table keys may not contain / \ # ? or control characters. Ids from Teams ("19:…@thread.tacv2",
/// "a:1…") mostly pass, but anything a user or channel supplies goes through <see cref="Escape"/>.
/// </summary>
public static class TableKeys
{
    public static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A row key that sorts newest first.</summary>
    public static string ReverseTicks(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>OData filter string literal with quotes escaped.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

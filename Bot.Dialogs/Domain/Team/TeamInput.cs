using System.Text.RegularExpressions;

namespace VolunteerBot.Dialogs.Domain.Team;

/// <summary>What is wrong with a typed value: the text key of the message and its arguments (the handler localizes it).</summary>
public sealed record InputError(string Key, params object[] Args);

/// <summary>
/// Limits and rules for what people type on the team cards, checked on the server. Each check returns the text key
/// (and arguments) of the message for the field (shown under it, in the user's language) or null when the value is fine.
/// </summary>
public static partial class TeamInput
{
    /// <summary>A person's name: Chinese names are 2–4 characters, Teams display names in Latin letters run longer.</summary>
    public const int PersonNameMax = 30;
    public const int DivisionNameMax = 30;
    public const int CommunityMax = 50;
    public const int NationalIdMax = 30;

    /// <summary>Opinions, requests for help and replies.</summary>
    public const int TextMax = 500;

    /// <summary>A single-line text: required or not, limited, no control characters.</summary>
    public static InputError? CheckLine(string? value, int max, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? new InputError("team.error.required") : null;
        }

        var trimmed = value.Trim();
        if (trimmed.Any(char.IsControl))
        {
            return new InputError("team.error.control");
        }

        return trimmed.Length > max ? new InputError("team.error.tooLong", max) : null;
    }

    /// <summary>A multi-line text: line breaks and tabs are allowed, other control characters are not.</summary>
    public static InputError? CheckText(string? value, int max = TextMax)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new InputError("team.error.required");
        }

        var trimmed = value.Trim();
        if (trimmed.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            return new InputError("team.error.control");
        }

        return trimmed.Length > max ? new InputError("team.error.tooLong", max) : null;
    }

    /// <summary>
    /// Mainland China mobile number: 11 digits, 1[3-9]xxxxxxxxx. Spaces and hyphens are ignored and a +86 / 86
    /// prefix is dropped. Null when the input is not a valid number.
    /// </summary>
    public static string? NormalizeMobile(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var digits = value.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (digits.StartsWith("+86", StringComparison.Ordinal))
        {
            digits = digits[3..];
        }
        else if (digits.Length == 13 && digits.StartsWith("86", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return MobilePattern().IsMatch(digits) ? digits : null;
    }

    public static bool IsValidNationalId(string value) => value.Length <= NationalIdMax && NationalIdPattern().IsMatch(value);

    /// <summary>Several division names typed at once: one per line (also 、，, ; accepted), blanks dropped, duplicates once.</summary>
    public static IReadOnlyList<string> SplitNames(string? value) =>
        (value ?? "").Split(['\n', '\r', '、', '，', ',', '；', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    [GeneratedRegex(@"^1[3-9][0-9]{9}$", RegexOptions.CultureInvariant)]
    private static partial Regex MobilePattern();

    [GeneratedRegex(@"^[A-Za-z0-9\-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex NationalIdPattern();
}

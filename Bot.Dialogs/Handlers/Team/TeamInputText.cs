using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>The checks of <see cref="TeamInput"/> with their message in the user's language (null when the value is fine).</summary>
internal static class TeamInputText
{
    public static string? CheckLine(Localizer L, string? value, int max, bool required = true) =>
        Say(L, TeamInput.CheckLine(value, max, required));

    public static string? CheckText(Localizer L, string? value, int max = TeamInput.TextMax) =>
        Say(L, TeamInput.CheckText(value, max));

    public static string? Say(Localizer L, InputError? error) =>
        error is null ? null : error.Args.Length == 0 ? L[error.Key] : L.Format(error.Key, error.Args);
}

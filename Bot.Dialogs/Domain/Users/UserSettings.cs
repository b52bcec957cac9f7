using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Domain.Users;

/// <summary>Per-user preferences: the chosen language and whether the welcome card was sent.</summary>
public sealed record UserSettings(string AadObjectId, Language? Language, DateTimeOffset? WelcomedAt);

public interface IUserSettingsStore
{
    Task<UserSettings?> GetAsync(string aadObjectId, CancellationToken cancellationToken);

    Task SetLanguageAsync(string aadObjectId, Language language, CancellationToken cancellationToken);

    /// <summary>Marks the user welcomed; true only for the first caller, so repeated install events welcome once.</summary>
    Task<bool> TryMarkWelcomedAsync(string aadObjectId, DateTimeOffset at, CancellationToken cancellationToken);
}

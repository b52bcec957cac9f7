using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Domain.Users;

/// <summary>
/// The acting user as a turn needs them: the volunteer profile (null when not registered) and the language they
/// chose (null: the organisation default).
/// </summary>
public sealed record TurnUser(Volunteer? Volunteer, Language? Language);

/// <summary>
/// Reads <see cref="TurnUser"/> for every turn. The Table store answers a registered user from the profile row
/// alone (one point read, the language is kept on it); only users without a profile also read their settings.
/// </summary>
public interface ITurnUserStore
{
    Task<TurnUser> GetAsync(string aadObjectId, CancellationToken cancellationToken);
}

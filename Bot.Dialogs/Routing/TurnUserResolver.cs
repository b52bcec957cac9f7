using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Routing;

/// <summary>
/// Roles and language of the acting user from ONE profile read (<see cref="ITurnUserStore"/>); the committee and
/// the liaison appointments come from what <see cref="IRoleResolver"/> keeps in memory, so a plain turn adds no
/// further request.
/// </summary>
public sealed class TurnUserResolver(ITurnUserStore users, IRoleResolver roles, LanguageResolver languages)
{
    public async Task<(UserRoles Roles, Language Language)> ResolveAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var user = await users.GetAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        TurnProfileScope.Current?.Remember(aadObjectId, user.Volunteer);
        var resolved = await roles.ResolveAsync(aadObjectId, user.Volunteer, cancellationToken).ConfigureAwait(false);
        return (resolved, user.Language ?? languages.Default);
    }
}

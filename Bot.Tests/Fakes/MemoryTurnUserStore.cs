using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Users;

namespace VolunteerBot.Tests.Fakes;

/// <summary>
/// The one in-memory ITurnUserStore (unit tests only): the profile from the volunteer fake and the language from the
/// settings fake, as the Table store reads them (its copy of the language on the profile row is a cost saving, not a
/// second truth). Runs the same contract suite as TurnUserTableStore.
/// </summary>
public sealed class MemoryTurnUserStore(IVolunteerStore volunteers, IUserSettingsStore settings) : ITurnUserStore
{
    public async Task<TurnUser> GetAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var volunteer = await volunteers.GetAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        var chosen = await settings.GetAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        return new TurnUser(volunteer, chosen?.Language);
    }
}

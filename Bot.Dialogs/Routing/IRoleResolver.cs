using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Dialogs.Routing;

/// <summary>Resolves a user's roles from configuration (committee) and storage (registration, liaisons).</summary>
public interface IRoleResolver
{
    Task<UserRoles> ResolveAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>The roles of a user whose profile the caller already read (null: not registered); reads no profile.</summary>
    Task<UserRoles> ResolveAsync(string aadObjectId, Volunteer? volunteer, CancellationToken cancellationToken);
}

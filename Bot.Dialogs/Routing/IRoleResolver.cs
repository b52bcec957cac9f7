namespace VolunteerBot.Dialogs.Routing;

/// <summary>Resolves a user's roles from configuration (committee) and storage (registration, liaisons).</summary>
public interface IRoleResolver
{
    Task<UserRoles> ResolveAsync(string aadObjectId, CancellationToken cancellationToken);
}

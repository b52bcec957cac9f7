using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Handlers.Team;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Routing;

/// <summary>
/// Committee from configuration and from the members added in chat (<see cref="CommitteeDirectory"/>, cached per instance: no
/// storage request per turn); registration and liaison appointments from storage.
/// </summary>
public sealed class RoleResolver(IOptions<VolunteeringOptions> options, IVolunteerStore volunteers, IDivisionStore divisions, CommitteeDirectory? committee = null) : IRoleResolver
{
    public async Task<UserRoles> ResolveAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var volunteer = await volunteers.GetAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        var all = await divisions.ListAsync(includeArchived: false, cancellationToken).ConfigureAwait(false);
        var liaisonOf = all
            .Where(d => d.LiaisonAadObjectIds.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase))
            .Select(d => d.Id)
            .ToHashSet(StringComparer.Ordinal);
        var isCommittee = committee is null
            ? options.Value.IsCommittee(aadObjectId)
            : await committee.IsCommitteeAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        return new UserRoles(volunteer is not null, isCommittee, liaisonOf, volunteer?.DivisionId);
    }
}

using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Routing;

/// <summary>Committee from configuration; registration and liaison appointments from storage.</summary>
public sealed class RoleResolver(IOptions<VolunteeringOptions> options, IVolunteerStore volunteers, IDivisionStore divisions) : IRoleResolver
{
    public async Task<UserRoles> ResolveAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var volunteer = await volunteers.GetAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        var all = await divisions.ListAsync(includeArchived: false, cancellationToken).ConfigureAwait(false);
        var liaisonOf = all
            .Where(d => d.LiaisonAadObjectIds.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase))
            .Select(d => d.Id)
            .ToHashSet(StringComparer.Ordinal);
        return new UserRoles(volunteer is not null, options.Value.IsCommittee(aadObjectId), liaisonOf, volunteer?.DivisionId);
    }
}

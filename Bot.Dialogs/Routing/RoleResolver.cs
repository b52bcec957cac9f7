using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Routing;

/// <summary>
/// Committee from configuration; registration from the profile; liaison appointments from the divisions list,
/// which the host's store keeps in memory per instance (refreshed on change, at most 30 s old), so it costs no
/// request on a turn.
/// </summary>
public sealed class RoleResolver(IOptions<VolunteeringOptions> options, IVolunteerStore volunteers, IDivisionStore divisions) : IRoleResolver
{
    public async Task<UserRoles> ResolveAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var volunteer = await volunteers.GetAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
        return await ResolveAsync(aadObjectId, volunteer, cancellationToken).ConfigureAwait(false);
    }

    public async Task<UserRoles> ResolveAsync(string aadObjectId, Volunteer? volunteer, CancellationToken cancellationToken)
    {
        var all = await divisions.ListAsync(includeArchived: false, cancellationToken).ConfigureAwait(false);
        HashSet<string>? liaisonOf = null;
        foreach (var division in all)
        {
            if (division.LiaisonAadObjectIds.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase))
            {
                (liaisonOf ??= new HashSet<string>(StringComparer.Ordinal)).Add(division.Id);
            }
        }

        return new UserRoles(volunteer is not null, options.Value.IsCommittee(aadObjectId), liaisonOf ?? NoDivisions, volunteer?.DivisionId);
    }

    private static readonly IReadOnlySet<string> NoDivisions = new HashSet<string>();
}

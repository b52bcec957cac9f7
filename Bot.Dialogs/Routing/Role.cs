namespace VolunteerBot.Dialogs.Routing;

/// <summary>Who may run a command or card verb. Each level includes the ones before it.</summary>
public enum Role
{
    /// <summary>Anyone in the tenant, registered or not (help, register, language).</summary>
    Anyone = 0,

    /// <summary>A registered volunteer (志愿者).</summary>
    Volunteer = 1,

    /// <summary>A liaison (联络员) of at least one division.</summary>
    Liaison = 2,

    /// <summary>The Party committee (机关党委).</summary>
    Committee = 3,
}

/// <summary>The roles of one user, resolved on the server for every turn.</summary>
public sealed record UserRoles(bool IsRegistered, bool IsCommittee, IReadOnlySet<string> LiaisonOfDivisions, string? DivisionId)
{
    public static readonly UserRoles None = new(false, false, new HashSet<string>(), null);

    public bool IsLiaison => LiaisonOfDivisions.Count > 0;

    public bool IsLiaisonOf(string divisionId) => IsCommittee || LiaisonOfDivisions.Contains(divisionId);

    /// <summary>True when the user holds <paramref name="role"/> or a higher one.</summary>
    public bool Has(Role role) => role switch
    {
        Role.Anyone => true,
        Role.Volunteer => IsRegistered || IsCommittee,
        Role.Liaison => IsLiaison || IsCommittee,
        Role.Committee => IsCommittee,
        _ => false,
    };

    public Role Highest => IsCommittee ? Role.Committee : IsLiaison ? Role.Liaison : IsRegistered ? Role.Volunteer : Role.Anyone;
}

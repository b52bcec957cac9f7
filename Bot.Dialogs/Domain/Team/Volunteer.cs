namespace VolunteerBot.Dialogs.Domain.Team;

/// <summary>A registered volunteer (志愿者), R1. Keyed by Entra object id.</summary>
public sealed record Volunteer
{
    public required string AadObjectId { get; init; }
    public required string Name { get; init; }
    public required string DivisionId { get; init; }
    public bool IsPartyMember { get; init; }
    public string? Mobile { get; init; }

    /// <summary>Id in the national volunteer service information system (全国志愿服务信息系统), optional.</summary>
    public string? NationalVolunteerId { get; init; }

    public DateTimeOffset PledgeAcceptedAt { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>R9: the residential community a party member reported to (社区报到), and when.</summary>
    public string? Community { get; init; }
    public DateOnly? CommunityReportedOn { get; init; }
}

/// <summary>A division (处室/单位): one volunteer group with at least one liaison (R2).</summary>
public sealed record Division
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public bool Archived { get; init; }

    /// <summary>Entra object ids of the division's liaisons (联络员).</summary>
    public IReadOnlyList<string> LiaisonAadObjectIds { get; init; } = [];
}

public interface IVolunteerStore
{
    Task<Volunteer?> GetAsync(string aadObjectId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Volunteer>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Volunteer>> ListAllAsync(CancellationToken cancellationToken);
}

public interface IDivisionStore
{
    Task<Division?> GetAsync(string divisionId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Division>> ListAsync(bool includeArchived, CancellationToken cancellationToken);
}

namespace VolunteerBot.Dialogs.Domain.Team;

/// <summary>A registered volunteer (志愿者), R1. Keyed by Entra object id.</summary>
public sealed record Volunteer
{
    public required string AadObjectId { get; init; }
    public required string Name { get; init; }

    /// <summary>The division the volunteer belongs to now. Earlier ones are in <see cref="IVolunteerStore.GetMembershipsAsync"/>.</summary>
    public required string DivisionId { get; init; }
    public bool IsPartyMember { get; init; }

    /// <summary>Mainland mobile number, 11 digits (1[3-9]xxxxxxxxx), optional.</summary>
    public string? Mobile { get; init; }

    /// <summary>Id in the national volunteer service information system (全国志愿服务信息系统), optional.</summary>
    public string? NationalVolunteerId { get; init; }

    public DateTimeOffset PledgeAcceptedAt { get; init; }

    /// <summary>
    /// PIPL (个人信息保护法 art. 14, 17): when the volunteer agreed to the personal-information notice shown at
    /// registration; null for a profile saved before the notice existed (the next save asks for it).
    /// </summary>
    public DateTimeOffset? PrivacyConsentAt { get; init; }
    public DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>R9: the residential community a party member reported to (社区报到), and when.</summary>
    public string? Community { get; init; }
    public DateOnly? CommunityReportedOn { get; init; }

    public bool HasReportedToCommunity => Community is not null;
}

/// <summary>What the registration card sets; the store keeps registration time, community and history.</summary>
public sealed record VolunteerProfile(
    string AadObjectId,
    string Name,
    string DivisionId,
    bool IsPartyMember,
    string? Mobile,
    string? NationalVolunteerId);

public enum SaveOutcome
{
    Created,
    Updated,

    /// <summary>The same values were saved again (a double tap): nothing was written.</summary>
    Unchanged,
}

/// <summary>The result of saving a profile; <see cref="PreviousDivisionId"/> is set when the volunteer moved.</summary>
public sealed record VolunteerSaved(Volunteer Volunteer, SaveOutcome Outcome, string? PreviousDivisionId);

public interface IVolunteerStore
{
    /// <summary>The profile: one point read.</summary>
    Task<Volunteer?> GetAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>The current members of a division: one partition.</summary>
    Task<IReadOnlyList<Volunteer>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken);

    /// <summary>Every registered volunteer (digests, exports): a scan, use sparingly.</summary>
    Task<IReadOnlyList<Volunteer>> ListAllAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Which division the volunteer belonged to and when (R2: records stay with the division they were earned in),
    /// oldest first; the last one is open (<c>Until</c> null) and is the current division.
    /// </summary>
    Task<IReadOnlyList<DivisionMembership>> GetMembershipsAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>
    /// Registers or updates (never duplicates). A change of division closes the open membership on
    /// <paramref name="today"/> and opens a new one. Saving identical values writes nothing.
    /// </summary>
    Task<VolunteerSaved> SaveAsync(VolunteerProfile profile, DateTimeOffset at, DateOnly today, CancellationToken cancellationToken);

    /// <summary>
    /// PIPL erasure (注销): deletes the profile (name, mobile, national volunteer id, community) and its roster index
    /// row; the division history keeps only ids and dates. True when there was a profile.
    /// </summary>
    Task<bool> EraseAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>R9: records the community report on the profile; null when the volunteer is not registered.</summary>
    Task<Volunteer?> SetCommunityAsync(string aadObjectId, string community, DateOnly reportedOn, DateTimeOffset at, CancellationToken cancellationToken);
}

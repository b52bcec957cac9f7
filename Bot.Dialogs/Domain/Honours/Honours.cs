namespace VolunteerBot.Dialogs.Domain.Honours;

/// <summary>What the committee names in 优秀志愿者评选 (R14): an outstanding volunteer (优秀志愿者) or team (优秀志愿服务队伍, a division).</summary>
public enum HonourKind
{
    Volunteer,
    Team,
}

/// <summary>
/// One person or division named for a year, with the committee's reason. <see cref="AnnouncedAt"/> is set when the
/// result is published (the congratulation card and, for a volunteer, the 荣誉证书 with its number).
/// </summary>
public sealed record Honour
{
    public required int Year { get; init; }
    public required HonourKind Kind { get; init; }

    /// <summary>The volunteer's Entra object id, or the division id.</summary>
    public required string SubjectId { get; init; }
    public required string SubjectName { get; init; }
    public string? DivisionName { get; init; }
    public decimal Hours { get; init; }
    public required string Reason { get; init; }
    public required string NamedByName { get; init; }
    public required DateTimeOffset NamedAt { get; init; }
    public DateTimeOffset? AnnouncedAt { get; init; }
    public string? CertificateNumber { get; init; }
}

/// <summary>特色项目 (seed part 5.3): a project the committee marks featured for a year, with a note; assessment credit for its divisions.</summary>
public sealed record FeaturedProject(int Year, string ProjectId, string Title, IReadOnlyList<string> DivisionIds, string Note, string MarkedByName, DateTimeOffset MarkedAt);

/// <summary>Honours and featured projects, stored per year; a volunteer's announced honours also under their own key.</summary>
public interface IHonourStore
{
    Task<IReadOnlyList<Honour>> ListYearAsync(int year, CancellationToken cancellationToken);

    /// <summary>Names (or renames with a new reason, or marks announced) one subject; an announced volunteer honour is also listed for them.</summary>
    Task SaveAsync(Honour honour, CancellationToken cancellationToken);

    /// <summary>Withdraws a naming; false when there was none.</summary>
    Task<bool> RemoveAsync(int year, HonourKind kind, string subjectId, CancellationToken cancellationToken);

    /// <summary>A volunteer's announced honours, newest year first (one partition).</summary>
    Task<IReadOnlyList<Honour>> ListForVolunteerAsync(string aadObjectId, CancellationToken cancellationToken);

    Task SaveFeaturedAsync(FeaturedProject project, CancellationToken cancellationToken);

    Task<bool> RemoveFeaturedAsync(int year, string projectId, CancellationToken cancellationToken);

    Task<IReadOnlyList<FeaturedProject>> ListFeaturedAsync(int year, CancellationToken cancellationToken);
}

/// <summary>What a 荣誉证书 states; numbered from the same sequence as the certificate of service.</summary>
public sealed record HonourCertificateContent(string VolunteerAadObjectId, string Name, string DivisionName, int Year, decimal Hours, DateOnly IssuedOn);

/// <summary>Issues 荣誉证书 (host: PDF with the certificate font, numbered and logged like 志愿服务证明, behind an expiring link).</summary>
public interface IHonourCertificates
{
    /// <summary>The same request id gives the same certificate (same number) with a fresh link.</summary>
    Task<Hours.IssuedCertificate> IssueAsync(HonourCertificateContent content, string requestId, CancellationToken cancellationToken);
}

/// <summary>Featured projects per division (a project joined by several divisions counts for each): the digest's and dashboard's credit.</summary>
public static class FeaturedCredit
{
    public static IReadOnlyDictionary<string, int> ByDivision(IEnumerable<FeaturedProject> featured) =>
        featured.SelectMany(f => f.DivisionIds.Distinct(StringComparer.Ordinal)).GroupBy(d => d, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
}

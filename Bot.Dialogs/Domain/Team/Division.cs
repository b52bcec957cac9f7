namespace VolunteerBot.Dialogs.Domain.Team;

/// <summary>
/// A division (处室/单位): one volunteer group with at least one liaison (R2). <see cref="Id"/> is a short
/// generated id ("d" + 8 hex) that never changes; the name may be renamed.
/// </summary>
public sealed record Division
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public bool Archived { get; init; }

    /// <summary>Entra object ids of the division's liaisons (联络员): registered volunteers of this division.</summary>
    public IReadOnlyList<string> LiaisonAadObjectIds { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    public bool IsLiaison(string aadObjectId) => LiaisonAadObjectIds.Contains(aadObjectId, StringComparer.OrdinalIgnoreCase);
}

public enum DivisionError
{
    NotFound,

    /// <summary>Another division (active or archived) already has this name.</summary>
    NameTaken,
}

/// <summary>A division change: the division as stored afterwards, or why nothing changed.</summary>
public sealed record DivisionChange(Division? Division, DivisionError? Error)
{
    public static DivisionChange Ok(Division division) => new(division, null);

    public static DivisionChange Fail(DivisionError error, Division? existing = null) => new(existing, error);

    public bool Succeeded => Error is null;
}

public interface IDivisionStore
{
    Task<Division?> GetAsync(string divisionId, CancellationToken cancellationToken);

    /// <summary>All divisions (one partition), ordered by name.</summary>
    Task<IReadOnlyList<Division>> ListAsync(bool includeArchived, CancellationToken cancellationToken);

    /// <summary>Creates a division; names are unique (case and spacing ignored), so creating twice gives NameTaken with the existing one.</summary>
    Task<DivisionChange> CreateAsync(string name, DateTimeOffset at, CancellationToken cancellationToken);

    Task<DivisionChange> RenameAsync(string divisionId, string newName, CancellationToken cancellationToken);

    Task<DivisionChange> SetArchivedAsync(string divisionId, bool archived, CancellationToken cancellationToken);

    /// <summary>Adds a liaison (idempotent).</summary>
    Task<DivisionChange> AddLiaisonAsync(string divisionId, string aadObjectId, CancellationToken cancellationToken);

    /// <summary>Removes a liaison (idempotent).</summary>
    Task<DivisionChange> RemoveLiaisonAsync(string divisionId, string aadObjectId, CancellationToken cancellationToken);
}

public static class DivisionNames
{
    /// <summary>The key that makes names unique: trimmed, white space collapsed, case folded.</summary>
    public static string Normalize(string name) =>
        string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();

    /// <summary>The five divisions the seed names (part three, item 4): offered to the committee when none exist yet.</summary>
    public static readonly IReadOnlyList<string> Seed = ["政策法规处", "中小企业处", "节能与综合利用处", "创业和融资服务处", "消费品工业处"];
}

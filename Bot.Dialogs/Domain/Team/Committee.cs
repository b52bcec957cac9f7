namespace VolunteerBot.Dialogs.Domain.Team;

/// <summary>
/// A member of the Party committee (机关党委) — the administrators (R2). <see cref="Bootstrap"/> members come from configuration
/// (Volunteering:CommitteeAadObjectIds): permanent, shown as such, never removed in chat. The others are added in chat.
/// </summary>
public sealed record CommitteeMember(string AadObjectId, string Name, bool Bootstrap, string? AddedByName = null, DateTimeOffset? AddedAt = null);

public enum CommitteeRemoval
{
    Removed,
    NotMember,

    /// <summary>Refused: nobody would be left.</summary>
    LastMember,
}

/// <summary>The committee members added in chat (configuration members are not stored).</summary>
public interface ICommitteeStore
{
    Task<IReadOnlyList<CommitteeMember>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Adds a member; false when already one (nothing changes).</summary>
    Task<bool> AddAsync(CommitteeMember member, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a member. With <paramref name="keepOne"/> (no configuration members exist) the last stored member is not removed;
    /// concurrent removals are serialised by one ETag-guarded row, so two of them cannot empty the committee together.
    /// </summary>
    Task<CommitteeRemoval> RemoveAsync(string aadObjectId, bool keepOne, CancellationToken cancellationToken);
}

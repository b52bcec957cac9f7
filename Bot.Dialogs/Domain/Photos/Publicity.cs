namespace VolunteerBot.Dialogs.Domain.Photos;

/// <summary>A team channel where the app is installed (a place a highlight can be posted).</summary>
public sealed record TeamChannel(string TeamId, string ChannelId, string TeamName, string ChannelName);

/// <summary>Teams and channels where the app is installed; implemented in <c>Bot</c> from the stored conversation references.</summary>
public interface IChannelDirectory
{
    Task<IReadOnlyList<TeamChannel>> ListAsync(CancellationToken cancellationToken);
}

/// <summary>A highlight (加强宣传报道) of an activity posted to a team channel.</summary>
public sealed record Highlight
{
    /// <summary>Generated when the compose card opened, so a double tap posts once.</summary>
    public required string Id { get; init; }
    public required string ProjectId { get; init; }
    public required string Text { get; init; }
    public required IReadOnlyList<string> PhotoIds { get; init; }
    public required string TeamId { get; init; }
    public required string ChannelId { get; init; }
    public required string PostedByAadObjectId { get; init; }
    public required string PostedByName { get; init; }
    public required DateTimeOffset PostedAt { get; init; }
}

public interface IHighlightStore
{
    /// <summary>Stores the highlight; false when one with this id exists already (posted before: do not post again).</summary>
    Task<bool> TryAddAsync(Highlight highlight, CancellationToken cancellationToken);

    /// <summary>An activity's highlights (one partition).</summary>
    Task<IReadOnlyList<Highlight>> ListAsync(string projectId, CancellationToken cancellationToken);
}

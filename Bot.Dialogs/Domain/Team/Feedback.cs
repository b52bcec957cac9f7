namespace VolunteerBot.Dialogs.Domain.Team;

/// <summary>R12: 意见建议 (opinion or suggestion) or 求助 (a request for help with a difficulty met in service).</summary>
public enum FeedbackKind
{
    Suggestion,
    HelpRequest,
}

/// <summary>An opinion, suggestion or request for help, and the committee's reply.</summary>
public sealed record Feedback
{
    /// <summary>Generated when the form is opened, so a double tap on send stores it once.</summary>
    public required string Id { get; init; }
    public required string AadObjectId { get; init; }
    public required string Name { get; init; }
    public string? DivisionId { get; init; }
    public required FeedbackKind Kind { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    public string? Reply { get; init; }
    public string? RepliedByAadObjectId { get; init; }
    public string? RepliedByName { get; init; }
    public DateTimeOffset? RepliedAt { get; init; }

    public bool IsAnswered => Reply is not null;
}

/// <summary><see cref="Created"/> is false when the same id was stored before (a double tap).</summary>
public sealed record FeedbackAdded(Feedback Feedback, bool Created);

/// <summary><see cref="Replied"/> is false when someone had already answered (the stored reply is returned).</summary>
public sealed record FeedbackReplied(Feedback Feedback, bool Replied);

public interface IFeedbackStore
{
    Task<FeedbackAdded> AddAsync(Feedback feedback, CancellationToken cancellationToken);

    Task<Feedback?> GetAsync(string aadObjectId, string id, CancellationToken cancellationToken);

    /// <summary>A volunteer's own items, newest first (one partition).</summary>
    Task<IReadOnlyList<Feedback>> ListByVolunteerAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>Stores the first reply (ETag); a later one leaves the first in place.</summary>
    Task<FeedbackReplied?> ReplyAsync(string aadObjectId, string id, string reply, string byAadObjectId, string byName, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Replaces the sender's name on all their items (erasure under PIPL); text and replies stay. Returns how many changed.</summary>
    Task<int> EraseNameAsync(string aadObjectId, string replacement, CancellationToken cancellationToken);
}

namespace VolunteerBot.Channel;

/// <summary>
/// Teams retries an invoke with the same activity id when the first answer was slow: the first claims it, a replay gets
/// the stored card back and runs nothing twice (implemented on Table Storage in <c>Storage/InvokeReplayStore</c>).
/// </summary>
public interface IInvokeReplays
{
    /// <summary>True when this activity is new and now claimed; false when it was seen before.</summary>
    Task<bool> TryClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>Stores the answer (the card update, or null) of a claimed turn for its replays.</summary>
    Task CompleteAsync(string conversationId, string activityId, string? responseJson, CancellationToken cancellationToken);

    /// <summary>A claimed turn that did not finish (the handler failed) may be tried again.</summary>
    Task ReleaseAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>The stored answer of an earlier claim, if it finished.</summary>
    Task<string?> GetResponseAsync(string conversationId, string activityId, CancellationToken cancellationToken);
}

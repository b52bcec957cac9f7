using VolunteerBot.Channel;
using VolunteerBot.Storage;

namespace VolunteerBot.Tests.Fakes;

/// <summary>
/// The one in-memory IInvokeReplays (unit tests only); runs the same contract suite as InvokeReplayStore (without its
/// download links: a stored answer keeps no working download token, as there).
/// </summary>
public sealed class MemoryInvokeReplays : IInvokeReplays
{
    private const int MaxStoredChars = 30_000;
    private readonly Dictionary<(string Conversation, string Activity), string?> _claims = [];

    public Task<bool> TryClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            return Task.FromResult(_claims.TryAdd((conversationId, activityId), null));
        }
    }

    public Task CompleteAsync(string conversationId, string activityId, string? responseJson, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            // An answer too large for one table property is not kept: its replay runs as a claimed turn with no answer.
            _claims[(conversationId, activityId)] = responseJson is { Length: <= MaxStoredChars } ? InvokeReplayStore.StripDownloadTokens(responseJson) : null;
            return Task.CompletedTask;
        }
    }

    public Task ReleaseAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            _claims.Remove((conversationId, activityId));
            return Task.CompletedTask;
        }
    }

    public Task<string?> GetResponseAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        lock (_claims)
        {
            return Task.FromResult(_claims.GetValueOrDefault((conversationId, activityId)));
        }
    }
}

using VolunteerBot.Dialogs.Domain.Photos;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory IHighlightStore (unit tests only); runs the same contract suite as HighlightTableStore.</summary>
public sealed class MemoryHighlightStore : IHighlightStore
{
    private readonly Dictionary<(string Project, string Id), Highlight> _items = [];

    public Task<bool> TryAddAsync(Highlight highlight, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            return Task.FromResult(_items.TryAdd((highlight.ProjectId, highlight.Id), highlight));
        }
    }

    /// <summary>Oldest first, as the table store sorts them.</summary>
    public Task<IReadOnlyList<Highlight>> ListAsync(string projectId, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            return Task.FromResult<IReadOnlyList<Highlight>>(_items.Values.Where(h => h.ProjectId == projectId).OrderBy(h => h.PostedAt).ToList());
        }
    }
}

using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory IFeedbackStore (unit tests only); runs the same contract suite as FeedbackTableStore.</summary>
public sealed class MemoryFeedbackStore : IFeedbackStore
{
    private readonly Dictionary<(string, string), Feedback> _items = [];

    public Task<FeedbackAdded> AddAsync(Feedback feedback, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            if (_items.TryGetValue((feedback.AadObjectId, feedback.Id), out var stored))
            {
                return Task.FromResult(new FeedbackAdded(stored, false));
            }

            _items[(feedback.AadObjectId, feedback.Id)] = feedback;
            return Task.FromResult(new FeedbackAdded(feedback, true));
        }
    }

    public Task<Feedback?> GetAsync(string aadObjectId, string id, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            return Task.FromResult(_items.GetValueOrDefault((aadObjectId, id)));
        }
    }

    public Task<int> EraseNameAsync(string aadObjectId, string replacement, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            var mine = _items.Where(i => i.Key.Item1 == aadObjectId && i.Value.Name != replacement).ToList();
            foreach (var (key, f) in mine)
            {
                _items[key] = f with { Name = replacement };
            }

            return Task.FromResult(mine.Count);
        }
    }

    /// <summary>Newest first, as the table store sorts them.</summary>
    public Task<IReadOnlyList<Feedback>> ListByVolunteerAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            return Task.FromResult<IReadOnlyList<Feedback>>(_items.Values.Where(f => f.AadObjectId == aadObjectId).OrderByDescending(f => f.CreatedAt).ToList());
        }
    }

    public Task<FeedbackReplied?> ReplyAsync(string aadObjectId, string id, string reply, string byAadObjectId, string byName, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            if (!_items.TryGetValue((aadObjectId, id), out var f))
            {
                return Task.FromResult<FeedbackReplied?>(null);
            }

            if (f.IsAnswered)
            {
                return Task.FromResult<FeedbackReplied?>(new FeedbackReplied(f, false));
            }

            var after = f with { Reply = reply, RepliedByAadObjectId = byAadObjectId, RepliedByName = byName, RepliedAt = at };
            _items[(aadObjectId, id)] = after;
            return Task.FromResult<FeedbackReplied?>(new FeedbackReplied(after, true));
        }
    }
}

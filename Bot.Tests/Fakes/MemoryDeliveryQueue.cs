using VolunteerBot.Delivery;

namespace VolunteerBot.Tests.Fakes;

/// <summary>
/// The one in-memory IDeliveryQueue (unit tests only); runs the same contract suite as DeliveryQueue on Azurite. Two
/// lanes in send order; a received message is invisible for its visibility (on the given clock); every receive and
/// update issues a new pop receipt, and a stale one updates nothing (false) and deletes nothing.
/// </summary>
public sealed class MemoryDeliveryQueue(TimeProvider? time = null) : IDeliveryQueue
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly object _gate = new();
    private readonly List<Entry> _messages = [];
    private long _next;

    public Task SendAsync(DeliveryLane lane, string body, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _messages.Add(new Entry(lane, "m" + ++_next, body, _time.GetUtcNow()));
            return Task.CompletedTask;
        }
    }

    public Task<IReadOnlyList<DeliveryMessage>> ReceiveAsync(DeliveryLane lane, int max, TimeSpan visibility, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var taken = new List<DeliveryMessage>();
            foreach (var m in _messages.Where(m => m.Lane == lane && m.VisibleAt <= now).Take(Math.Clamp(max, 1, 32)))
            {
                m.VisibleAt = now + visibility;
                m.DequeueCount++;
                m.PopReceipt = "r" + ++_next;
                taken.Add(new DeliveryMessage(lane, m.Id, m.PopReceipt, m.Body, m.DequeueCount));
            }

            return Task.FromResult<IReadOnlyList<DeliveryMessage>>(taken);
        }
    }

    public Task<bool> UpdateAsync(DeliveryMessage message, string? newBody, TimeSpan visibleAfter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(message) is not { } m)
            {
                return Task.FromResult(false);
            }

            m.Body = newBody ?? m.Body;
            m.VisibleAt = _time.GetUtcNow() + visibleAfter;
            m.PopReceipt = "r" + ++_next;
            return Task.FromResult(true);
        }
    }

    public Task DeleteAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Find(message) is { } m)
            {
                _messages.Remove(m);
            }

            return Task.CompletedTask;
        }
    }

    private Entry? Find(DeliveryMessage message) =>
        _messages.FirstOrDefault(m => m.Lane == message.Lane && m.Id == message.MessageId && m.PopReceipt == message.PopReceipt);

    private sealed class Entry(DeliveryLane lane, string id, string body, DateTimeOffset visibleAt)
    {
        public DeliveryLane Lane { get; } = lane;
        public string Id { get; } = id;
        public string Body { get; set; } = body;
        public DateTimeOffset VisibleAt { get; set; } = visibleAt;
        public long DequeueCount { get; set; }
        public string? PopReceipt { get; set; }
    }
}

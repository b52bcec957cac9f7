namespace VolunteerBot.Delivery;

/// <summary>
/// The two lanes of the delivery queue. <see cref="Bulk"/> carries reminder runs and announcements (thousands at a
/// time); <see cref="Urgent"/> carries single notifications and the messages a restarted sender takes back from its
/// dead predecessor. Every sender reads the urgent lane first, so one notification never waits behind a
/// 10,000-message run.
/// </summary>
public enum DeliveryLane
{
    Bulk,
    Urgent,
}

/// <summary>A message taken from a lane: invisible to other senders until its visibility runs out.</summary>
public sealed record DeliveryMessage(DeliveryLane Lane, string MessageId, string PopReceipt, string Body, long DequeueCount);

/// <summary>
/// The delivery queue (at-least-once: a message reappears unless it is deleted in time). Implemented on Azure
/// Storage queues under Bot/Storage/Delivery; storage faults surface as exceptions that
/// <see cref="Storage.StorageFaults.IsFault"/> recognises. A message whose lease was lost (another sender holds it
/// now, or it is gone) is not an error: <see cref="UpdateAsync"/> answers false and <see cref="DeleteAsync"/> does
/// nothing.
/// </summary>
public interface IDeliveryQueue
{
    Task SendAsync(DeliveryLane lane, string body, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeliveryMessage>> ReceiveAsync(DeliveryLane lane, int max, TimeSpan visibility, CancellationToken cancellationToken);

    /// <summary>Makes the message visible again after <paramref name="visibleAfter"/>, with a new body when given.</summary>
    Task<bool> UpdateAsync(DeliveryMessage message, string? newBody, TimeSpan visibleAfter, CancellationToken cancellationToken);

    Task DeleteAsync(DeliveryMessage message, CancellationToken cancellationToken);

    /// <summary>About how many messages the lane holds (visible or held by a sender): the fan-out's measure of how far ahead it is.</summary>
    Task<int> CountAsync(DeliveryLane lane, CancellationToken cancellationToken);
}

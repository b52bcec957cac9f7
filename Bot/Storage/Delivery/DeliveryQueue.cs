using Azure.Storage.Queues;
using VolunteerBot.Storage;

namespace VolunteerBot.Storage.Delivery;

/// <summary>The producer side of the delivery queue (the one queue every sender reads): adds a message body.</summary>
public sealed class DeliveryQueue(StorageAccount account)
{
    private readonly QueueClient _queue = account.Queue(StorageNames.ReminderQueue);

    public Task SendAsync(string body, CancellationToken cancellationToken) => _queue.SendMessageAsync(body, cancellationToken);
}

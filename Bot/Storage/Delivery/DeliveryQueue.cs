using Azure;
using Azure.Storage.Queues;
using VolunteerBot.Delivery;
using VolunteerBot.Storage;

namespace VolunteerBot.Storage.Delivery;

/// <summary>
/// <see cref="IDeliveryQueue"/> on two Azure Storage queues: <c>reminders</c> (the bulk lane) and
/// <c>notifications</c> (the urgent lane). A 404 or 400 on update or delete means the pop receipt is stale (the
/// visibility ran out and another sender holds the message) or the message is gone: not an error here.
/// </summary>
public sealed class DeliveryQueue(StorageAccount account) : IDeliveryQueue
{
    private readonly QueueClient _bulk = account.Queue(StorageNames.ReminderQueue);
    private readonly QueueClient _urgent = account.Queue(StorageNames.NotificationQueue);

    private QueueClient Of(DeliveryLane lane) => lane == DeliveryLane.Urgent ? _urgent : _bulk;

    public Task SendAsync(DeliveryLane lane, string body, CancellationToken cancellationToken) =>
        Of(lane).SendMessageAsync(body, cancellationToken);

    public async Task<IReadOnlyList<DeliveryMessage>> ReceiveAsync(DeliveryLane lane, int max, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var messages = (await Of(lane).ReceiveMessagesAsync(Math.Clamp(max, 1, 32), visibility, cancellationToken).ConfigureAwait(false)).Value;
        return [.. messages.Select(m => new DeliveryMessage(lane, m.MessageId, m.PopReceipt, m.Body.ToString(), m.DequeueCount))];
    }

    public async Task<bool> UpdateAsync(DeliveryMessage message, string? newBody, TimeSpan visibleAfter, CancellationToken cancellationToken)
    {
        try
        {
            await Of(message.Lane).UpdateMessageAsync(message.MessageId, message.PopReceipt, newBody, visibleAfter, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            return false;
        }
    }

    public async Task DeleteAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await Of(message.Lane).DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
        }
    }

    public async Task<int> CountAsync(DeliveryLane lane, CancellationToken cancellationToken) =>
        (await Of(lane).GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value.ApproximateMessagesCount;
}

using VolunteerBot.Channel;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Delivery;
using VolunteerBot.Storage.Reminders;

namespace VolunteerBot.Delivery;

/// <summary>
/// Turns a claimed run into one delivery row and one queue message per recipient. Recipients go in id order, a
/// hundred at a time (one table transaction), and the run row records the last id done, so a fan-out interrupted
/// by a crash is resumed (by any instance) from its checkpoint without writing anyone twice.
/// </summary>
public sealed partial class ReminderFanOut(
    IDeliveryQueue queue,
    ReminderRunStore runs,
    ReminderDeliveryStore deliveries,
    IConversationReferenceStore references,
    SenderIdentity identity,
    QueueSignal signal,
    TimeProvider time,
    ILogger<ReminderFanOut> logger)
{
    /// <summary>Letters composed at once within a chunk (composing may read the recipient's settings).</summary>
    private const int ComposeParallelism = 16;

    // Enough puts in flight to stay well ahead of the sending rate (≤ 50/s), few enough not to crowd out the
    // senders' claims on the same storage account while both run.
    private const int QueuePutParallelism = 8;

    /// <summary>From this many recipients on, the fan-out reads the personal conversations in one scan.</summary>
    public const int AddressScanMinimum = 100;

    /// <summary>Fans out <paramref name="run"/>; returns the finished run row, or null when another instance took it over.</summary>
    public async Task<ReminderRunRecord?> RunAsync(ReminderRunRecord run, IReminderPlan plan, CancellationToken cancellationToken)
    {
        var pending = plan.Recipients
            .GroupBy(r => r.AadObjectId, StringComparer.Ordinal).Select(g => g.OrderByDescending(r => r.Audience).First())
            .Where(r => string.CompareOrdinal(r.AadObjectId, run.Checkpoint) > 0)
            .OrderBy(r => r.AadObjectId, StringComparer.Ordinal)
            .ToList();
        var total = run.Recipients + pending.Count;

        // A large run reads the personal conversations once (a partition scan) and puts each address in the queue
        // message, which saves the sender one storage read per message; a small run leaves that to the sender.
        var addresses = pending.Count >= AddressScanMinimum
            ? await references.GetPersonalManyAsync(pending.Select(r => r.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase), cancellationToken).ConfigureAwait(false)
            : null;
        var current = run;
        foreach (var chunk in pending.Chunk(ReminderDeliveryStore.MaxBatch))
        {
            // Composing may read per recipient (their language): those reads overlap, the order stays.
            var rows = new DeliveryRow[chunk.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, chunk.Length),
                new ParallelOptions { MaxDegreeOfParallelism = ComposeParallelism, CancellationToken = cancellationToken },
                async (i, ct) => rows[i] = await RowAsync(run.RunId, chunk[i], plan, ct).ConfigureAwait(false)).ConfigureAwait(false);

            var toQueue = await deliveries.InsertNewAsync(run.RunId, rows, cancellationToken).ConfigureAwait(false);
            await Parallel.ForEachAsync(toQueue.Where(r => r.Status == DeliveryStatus.Queued),
                new ParallelOptions { MaxDegreeOfParallelism = QueuePutParallelism, CancellationToken = cancellationToken },
                async (row, ct) => await queue.SendAsync(DeliveryLane.Bulk, Ticket(row, addresses).ToBody(), ct).ConfigureAwait(false)).ConfigureAwait(false);
            signal.Pulse();

            var next = await runs.TryUpdateAsync(current with
            {
                Checkpoint = chunk[^1].AadObjectId,
                Recipients = current.Recipients + chunk.Length,
                FanOutHeartbeat = time.GetUtcNow(),
                ClaimedBy = identity.Id,
            }, cancellationToken).ConfigureAwait(false);
            if (next is null)
            {
                LogTakenOver(run.RunId);
                return null;
            }

            current = next;
        }

        var done = await runs.TryUpdateAsync(current with { FanOutDone = true, FanOutHeartbeat = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        LogFannedOut(run.RunId, total);
        return done;
    }

    private static QueueTicket Ticket(DeliveryRow row, IReadOnlyDictionary<string, ConversationReference>? addresses) =>
        new(row.RunId, row.RecipientId, row.ETag, row.Message,
            addresses is not null && addresses.TryGetValue(row.RecipientId, out var a) && a.Active && !a.Unreachable ? a : null);

    private async Task<DeliveryRow> RowAsync(string runId, ReminderRecipient recipient, IReminderPlan plan, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var row = new DeliveryRow { RunId = runId, RecipientId = recipient.AadObjectId, Audience = recipient.Audience, UpdatedAt = now };
        try
        {
            var message = ReminderMessages.Serialize(await plan.ComposeAsync(recipient, cancellationToken).ConfigureAwait(false));
            return message.Length <= ReminderDeliveryStore.MaxMessageChars
                ? row with { Message = message }
                : row with { Status = DeliveryStatus.Failed, Reason = "message too large for a delivery row" };
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogComposeFailed(ex, runId, recipient.AadObjectId);
            return row with { Status = DeliveryStatus.Failed, Reason = "could not compose the message: " + ex.Message };
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Reminder run {RunId} fanned out to {Count} recipients")]
    private partial void LogFannedOut(string runId, int count);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Reminder run {RunId}: another instance took the fan-out over")]
    private partial void LogTakenOver(string runId);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Reminder run {RunId}: message for {RecipientId} could not be composed")]
    private partial void LogComposeFailed(Exception ex, string runId, string recipientId);
}

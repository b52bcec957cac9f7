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
/// by a crash is resumed (by any instance) from its checkpoint without writing anyone twice. It yields to the senders
/// while the bulk lane is deep (<see cref="ReminderSendingOptions.FanOutAhead"/>): they never run out of work, and
/// its reads and writes stay out of their way on the shared storage account.
/// </summary>
public sealed partial class ReminderFanOut(
    IDeliveryQueue queue,
    ReminderRunStore runs,
    ReminderDeliveryStore deliveries,
    IConversationReferenceStore references,
    SenderIdentity identity,
    QueueSignal signal,
    Microsoft.Extensions.Options.IOptions<ReminderSendingOptions> sending,
    TimeProvider time,
    ILogger<ReminderFanOut> logger)
{
    /// <summary>How often a yielding fan-out looks at the lane again.</summary>
    public static readonly TimeSpan RoomPoll = TimeSpan.FromSeconds(1);

    /// <summary>How often a yielding fan-out renews its run's heartbeat (well within <c>ReminderRunner.FanOutStale</c>).</summary>
    public static readonly TimeSpan YieldHeartbeat = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest one wait yields. The lane's count includes messages held in retry backoff or by other runs, which
    /// may not drain soon; past this the fan-out goes on (the scheduler's next runs wait behind it).
    /// </summary>
    public static readonly TimeSpan MaxYield = TimeSpan.FromMinutes(10);

    private TaskCompletionSource<int> _waiting = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the fan-out next waits for room, with the lane's depth (tests advance the clock then).</summary>
    public Task<int> WaitingForRoom => Volatile.Read(ref _waiting).Task;

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
        var ahead = sending.Value.FanOutAhead;
        foreach (var chunk in pending.Chunk(ReminderDeliveryStore.MaxBatch))
        {
            // More than a minute of sending waiting: wait until half of it has gone (a gap, not a trickle of chunks).
            if (await WaitForRoomAsync(current, ahead, ahead / 2, cancellationToken).ConfigureAwait(false) is not { } roomy)
            {
                LogTakenOver(run.RunId);
                return null;
            }

            current = roomy;
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

    /// <summary>
    /// Before planning: waits until the bulk lane holds at most a quarter of <see cref="ReminderSendingOptions.FanOutAhead"/>
    /// (15 s of sending at the defaults: enough for the senders to stay busy while the plan is read).
    /// A process that restarts after a crash and resumes the fan-out its predecessor left lets its senders work the
    /// lane down first instead of re-reading every profile at the same moment. Returns the run (heartbeat renewed
    /// while waiting), or null when another instance took it over.
    /// </summary>
    public Task<ReminderRunRecord?> WaitBeforePlanningAsync(ReminderRunRecord run, CancellationToken cancellationToken)
    {
        var low = sending.Value.FanOutAhead / 4;
        return WaitForRoomAsync(run, low, low, cancellationToken);
    }

    /// <summary>
    /// Nothing to wait for while the lane holds at most <paramref name="high"/> messages (or the setting is 0); else
    /// waits until it holds at most <paramref name="low"/>, renewing the run's heartbeat so nobody takes it over.
    /// </summary>
    private async Task<ReminderRunRecord?> WaitForRoomAsync(ReminderRunRecord run, int high, int low, CancellationToken cancellationToken)
    {
        if (sending.Value.FanOutAhead <= 0)
        {
            return run;
        }

        var depth = await queue.CountAsync(DeliveryLane.Bulk, cancellationToken).ConfigureAwait(false);
        if (depth <= high)
        {
            return run;
        }

        LogYielding(run.RunId, depth);
        var current = run;
        var beat = time.GetUtcNow();
        var since = beat;
        while (depth > low)
        {
            if (time.GetUtcNow() - since >= MaxYield)
            {
                LogYieldEnded(run.RunId, depth);
                break;
            }

            var delay = Task.Delay(RoomPoll, time, cancellationToken);
            Interlocked.Exchange(ref _waiting, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(depth);
            await delay.ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (now - beat >= YieldHeartbeat)
            {
                if (await runs.TryUpdateAsync(current with { FanOutHeartbeat = now, ClaimedBy = identity.Id }, cancellationToken).ConfigureAwait(false) is not { } renewed)
                {
                    return null;
                }

                current = renewed;
                beat = now;
            }

            depth = await queue.CountAsync(DeliveryLane.Bulk, cancellationToken).ConfigureAwait(false);
        }

        return current;
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

    [LoggerMessage(EventId = 6004, Level = LogLevel.Information, Message = "Reminder run {RunId}: the fan-out waits while {Depth} messages wait to be sent")]
    private partial void LogYielding(string runId, int depth);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Reminder run {RunId}: the lane still holds {Depth} messages after the longest wait; the fan-out goes on")]
    private partial void LogYieldEnded(string runId, int depth);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Error, Message = "Reminder run {RunId}: message for {RecipientId} could not be composed")]
    private partial void LogComposeFailed(Exception ex, string runId, string recipientId);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VolunteerBot.Channel;
using VolunteerBot.Channel.Connector;
using VolunteerBot.Delivery.RateLimiting;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Delivery;

namespace VolunteerBot.Delivery;

/// <summary>
/// Runs in every instance: takes messages from the delivery queue and delivers them through the connector, under
/// the shared rate limit. Exactly-once per recipient comes from the delivery row, not the queue (which is
/// at-least-once): a row is claimed Queued → Sending with its ETag before the send, marked Sent / Failed /
/// Unreachable after it, and only then is the queue message deleted. A message whose row is already final is
/// deleted without sending. See docs/reminders.md for the argument and its one remaining window.
/// <para>
/// Two lanes (<see cref="DeliveryLane"/>): the urgent one (single notifications, messages taken back from a dead
/// predecessor) is read every <see cref="ReminderSendingOptions.UrgentPoll"/> and its messages go to the senders
/// before any waiting bulk message. Rows are claimed as their messages are taken from the queue (in parallel,
/// one merge each), so everything this process holds is a row in Sending under its <see cref="SenderIdentity.Holder"/>:
/// a restart finds it and takes it back at once (<see cref="ReclaimAsync"/>); a clean stop gives back what it had
/// not started.
/// </para>
/// </summary>
public sealed partial class ReminderSender(
    IDeliveryQueue queue,
    ReminderDeliveryStore deliveries,
    ReminderDeadLetterStore deadLetters,
    IConnectorClient connector,
    IConversationReferenceStore references,
    Dialogs.Domain.Team.IStaffStore staff,
    DeliveryThrottle throttle,
    SenderCoordinator coordinator,
    SenderIdentity identity,
    ReminderSenderStats stats,
    QueueSignal signal,
    IAppInstaller installer,
    IOptions<ReminderSendingOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<ReminderSender>();

    // The proactive path with the throttle in front of the connector: the budget is taken right before each request.
    private readonly ProactiveMessenger _messenger = new(new ThrottledConnectorClient(connector, throttle), references, staff, time, loggers.CreateLogger<ProactiveMessenger>(), installer);

    private readonly QueueSignal _room = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<Work> _urgent = new();
    private readonly System.Collections.Concurrent.ConcurrentQueue<Work> _bulk = new();
    private readonly SemaphoreSlim _available = new(0);
    private int _bulkBuffered;

    /// <summary>A message taken from the queue, with its parsed ticket and, when the intake claimed it, the row it holds.</summary>
    private sealed record Work(DeliveryMessage Message, QueueTicket? Ticket, DeliveryRow? Held);

    /// <summary>Test hook: runs after a row is final and before its queue message is deleted (crash injection).</summary>
    internal Func<DeliveryRow, CancellationToken, Task>? BeforeDelete { get; set; }

    /// <summary>Completes when the rows a dead predecessor held have been taken back (with how many); for tests and logs.</summary>
    public Task<int> Reclaimed => _reclaimed.Task;

    private readonly TaskCompletionSource<int> _reclaimed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            _reclaimed.TrySetResult(0);
            return;
        }

        var reclaim = JoinAndReclaimAsync(stoppingToken);
        var workers = Enumerable.Range(0, Math.Max(1, o.Concurrency)).Select(_ => WorkAsync(stoppingToken)).ToArray();
        try
        {
            await IntakeAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(workers).ConfigureAwait(false);
            await GiveBackAsync([.. _urgent, .. _bulk]).ConfigureAwait(false);
            _urgent.Clear();
            _bulk.Clear();
            while (_available.CurrentCount > 0 && _available.Wait(0))
            {
            }

            Volatile.Write(ref _bulkBuffered, 0);
            await reclaim.ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The first heartbeat; when it finds that this instance's previous process died holding rows, takes them back:
    /// each row goes back to Queued (guarded by its ETag) and gets a message on the urgent lane, so it is sent within
    /// seconds instead of after its queue visibility and lease run out. Their old messages reappear later and find
    /// the rows final (or claim them once, whichever comes first).
    /// </summary>
    private async Task JoinAndReclaimAsync(CancellationToken stoppingToken)
    {
        var count = 0;
        try
        {
            string? dead = null;
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    dead = await coordinator.JoinAsync(stoppingToken).ConfigureAwait(false);
                    break;
                }
                catch (Exception ex) when (StorageFaults.IsFault(ex) && !stoppingToken.IsCancellationRequested)
                {
                    LogQueueFailed(ex);
                    await Task.Delay(TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(attempt, 5))), time, stoppingToken).ConfigureAwait(false);
                }
            }

            if (dead is not null)
            {
                count = await ReclaimAsync(stoppingToken).ConfigureAwait(false);
                LogReclaimed(count, dead);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (StorageFaults.IsFault(ex))
        {
            // The rows stay Sending under a superseded holder: any sender takes them over when their messages reappear.
            LogQueueFailed(ex);
        }
        finally
        {
            _reclaimed.TrySetResult(count);
        }
    }

    /// <summary>Takes back every row an earlier process of this instance holds (see <see cref="JoinAndReclaimAsync"/>); returns how many.</summary>
    public async Task<int> ReclaimAsync(CancellationToken cancellationToken)
    {
        var held = await deliveries.ListHeldByInstanceAsync(identity.InstanceId, identity.Holder, cancellationToken).ConfigureAwait(false);
        var count = 0;
        await Parallel.ForEachAsync(held, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (row, ct) =>
        {
            if (row.ETag is null || await deliveries.TryReleaseAsync(row.RunId, row.RecipientId, row.ETag, time.GetUtcNow(), ct).ConfigureAwait(false) is not { } etag)
            {
                return;
            }

            await queue.SendAsync(DeliveryLane.Urgent, new QueueTicket(row.RunId, row.RecipientId, etag, row.Message).ToBody(), ct).ConfigureAwait(false);
            Interlocked.Increment(ref count);
        }).ConfigureAwait(false);
        if (count > 0)
        {
            signal.Pulse();
        }

        return count;
    }

    private async Task IntakeAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var capacity = Math.Max(o.BatchSize, o.Concurrency * 2);
        var idle = o.IdlePoll;
        var lastUrgent = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            // While every sender is paused by a 429, fetching would only burn visibility time.
            var paused = throttle.PausedUntil - time.GetUtcNow();
            if (paused > TimeSpan.Zero)
            {
                await Task.Delay(paused, time, stoppingToken).ConfigureAwait(false);
                continue;
            }

            var woken = signal.Next;
            var room = _room.Next;
            var got = 0;
            var now = time.GetUtcNow();
            if (now - lastUrgent >= o.UrgentPoll)
            {
                lastUrgent = now;
                foreach (var work in await TakeAsync(DeliveryLane.Urgent, o.BatchSize, stoppingToken).ConfigureAwait(false))
                {
                    _urgent.Enqueue(work);
                    _available.Release();
                    got++;
                }
            }

            var free = capacity - Volatile.Read(ref _bulkBuffered);
            if (free < Math.Min(o.BatchSize, Math.Max(1, capacity / 2)))
            {
                // The senders have enough bulk work: wait until they take some, or until the urgent lane is due.
                using var nap = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                await Task.WhenAny(room, woken, Task.Delay(o.UrgentPoll, time, nap.Token)).ConfigureAwait(false);
                await nap.CancelAsync().ConfigureAwait(false);
                stoppingToken.ThrowIfCancellationRequested();
                if (woken.IsCompleted)
                {
                    lastUrgent = DateTimeOffset.MinValue; // something was just queued here: look at the urgent lane at once
                }

                continue;
            }

            var taken = await TakeAsync(DeliveryLane.Bulk, Math.Min(o.BatchSize, free), stoppingToken).ConfigureAwait(false);
            Interlocked.Add(ref _bulkBuffered, taken.Count);
            foreach (var work in taken)
            {
                _bulk.Enqueue(work);
                _available.Release();
            }

            got += taken.Count;
            if (got == 0)
            {
                // Idle: poll again later, or at once when this process puts something on the queue.
                using (var nap = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    var delay = Task.Delay(idle, time, nap.Token);
                    await Task.WhenAny(delay, woken).ConfigureAwait(false);
                    await nap.CancelAsync().ConfigureAwait(false);
                    stoppingToken.ThrowIfCancellationRequested();
                }

                if (woken.IsCompleted)
                {
                    lastUrgent = DateTimeOffset.MinValue; // something was just queued here: look at the urgent lane at once
                }

                idle = woken.IsCompleted ? o.IdlePoll : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, o.IdlePoll.Ticks * 5));
                continue;
            }

            idle = o.IdlePoll;
        }
    }

    /// <summary>Receives up to <paramref name="max"/> messages and claims their rows at once (in parallel); a storage fault yields none.</summary>
    private async Task<IReadOnlyList<Work>> TakeAsync(DeliveryLane lane, int max, CancellationToken stoppingToken)
    {
        IReadOnlyList<DeliveryMessage> messages;
        try
        {
            messages = await queue.ReceiveAsync(lane, max, options.Value.VisibilityTimeout, stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (StorageFaults.IsFault(ex) && !stoppingToken.IsCancellationRequested)
        {
            LogQueueFailed(ex);
            return [];
        }

        return messages.Count == 0 ? [] : await Task.WhenAll(messages.Select(ClaimAtIntakeAsync)).ConfigureAwait(false);
    }

    /// <summary>
    /// Fast claim: with the ETag the row had when this message was queued. If that succeeds the row was still Queued
    /// and unchanged, so the message's copy of the letter is the row's — no read needed. Anything else (an old
    /// message, a changed row, a storage fault) is left to the slow path in <see cref="ProcessAsync(DeliveryMessage, CancellationToken)"/>.
    /// </summary>
    private async Task<Work> ClaimAtIntakeAsync(DeliveryMessage message)
    {
        if (!QueueTicket.TryParse(message.Body, out var ticket))
        {
            return new Work(message, null, null);
        }

        var o = options.Value;
        if (ticket.ETag is null || ticket.Message is null || message.DequeueCount > o.MaxDequeueCount)
        {
            return new Work(message, ticket, null);
        }

        try
        {
            // Not cancelled by shutdown: a claim that reached storage must be known, to be given back.
            using var timeout = new CancellationTokenSource(o.SendTimeout, time);
            var now = time.GetUtcNow();
            if (await deliveries.TryClaimAsync(ticket.RunId, ticket.RecipientId, ticket.ETag, identity.Holder, now, timeout.Token).ConfigureAwait(false) is not { } etag)
            {
                return new Work(message, ticket, null);
            }

            stats.AddFastClaim();
            return new Work(message, ticket, new DeliveryRow
            {
                RunId = ticket.RunId, RecipientId = ticket.RecipientId, Audience = ReminderAudience.Volunteer, Status = DeliveryStatus.Sending,
                Message = ticket.Message, SendingSince = now, SendingBy = identity.Holder, UpdatedAt = now, ETag = etag,
            });
        }
        catch (Exception ex) when (StorageFaults.IsFault(ex) || ex is OperationCanceledException)
        {
            LogQueueFailed(ex);
            return new Work(message, ticket, null);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _available.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // work not started stays queued here and is given back
            }

            // Urgent work first; one count of the semaphore per item, so one of the two queues has it.
            Work? work;
            if (!_urgent.TryDequeue(out work))
            {
                if (!_bulk.TryDequeue(out work))
                {
                    continue;
                }

                Interlocked.Decrement(ref _bulkBuffered);
                _room.Pulse();
            }

            try
            {
                await ProcessAsync(work, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // stopped before the claim (slow path): the message reappears after its visibility
            }
            catch (Exception ex)
            {
                // Includes a send that hit SendTimeout: the worker lives on. The message becomes visible again after
                // its timeout and is retried; after MaxDequeueCount tries it is dead-lettered.
                LogProcessFailed(ex, work.Message.MessageId);
            }
        }
    }

    /// <summary>
    /// A clean stop: what was taken but not started goes back at once — a claimed row to Queued (its message then
    /// carries the new ETag), and every such message becomes visible again — so nothing waits for a lease.
    /// </summary>
    private async Task GiveBackAsync(IReadOnlyList<Work> left)
    {
        if (left.Count == 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), time);
        try
        {
            await Parallel.ForEachAsync(left, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = timeout.Token }, async (w, ct) =>
            {
                string? body = null;
                if (w.Held is { ETag: { } claim } held
                    && await deliveries.TryReleaseAsync(held.RunId, held.RecipientId, claim, time.GetUtcNow(), ct).ConfigureAwait(false) is { } etag)
                {
                    body = new QueueTicket(held.RunId, held.RecipientId, etag, held.Message, w.Ticket?.Address).ToBody();
                }

                await queue.UpdateAsync(w.Message, body, TimeSpan.Zero, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
            LogGaveBack(left.Count);
        }
        catch (Exception ex) when (StorageFaults.IsFault(ex) || ex is OperationCanceledException)
        {
            // What was not given back reappears after its visibility; its rows are taken over after the lease.
            LogQueueFailed(ex);
        }
    }

    /// <summary>Handles one queue message (claim, send, record); public so tests and tools can drive a single step.</summary>
    public async Task ProcessAsync(DeliveryMessage message, CancellationToken stoppingToken) =>
        await ProcessAsync(await ClaimAtIntakeAsync(message).ConfigureAwait(false), stoppingToken).ConfigureAwait(false);

    private async Task ProcessAsync(Work work, CancellationToken stoppingToken)
    {
        var o = options.Value;
        var message = work.Message;
        if (work.Ticket is not { } ticket)
        {
            await DeadLetterAsync(message, null, null, "unreadable queue message", stoppingToken).ConfigureAwait(false);
            return;
        }

        var (runId, recipientId) = (ticket.RunId, ticket.RecipientId);
        if (work.Held is { } held)
        {
            // Claimed at intake. From the claim on, the send and its bookkeeping finish even when shutdown has begun.
            using var fast = new CancellationTokenSource(o.SendTimeout, time);
            await throttle.WaitForPauseAsync(fast.Token).ConfigureAwait(false);
            await SendClaimedAsync(message, held, partial: true, ticket.Address, fast.Token).ConfigureAwait(false);
            return;
        }

        var row = await deliveries.GetAsync(runId, recipientId, stoppingToken).ConfigureAwait(false);
        if (row is null)
        {
            await DeadLetterAsync(message, runId, recipientId, "no delivery row for this run and recipient", stoppingToken).ConfigureAwait(false);
            return;
        }

        if (row.IsFinal)
        {
            stats.AddDuplicate();
            await DeleteAsync(message, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        if (message.DequeueCount > o.MaxDequeueCount)
        {
            var reason = $"poison: dequeued {message.DequeueCount} times";
            await deliveries.TryWriteAsync(row with { Status = DeliveryStatus.Failed, Reason = reason, UpdatedAt = time.GetUtcNow() }, stoppingToken).ConfigureAwait(false);
            stats.AddFailed();
            await DeadLetterAsync(message, runId, recipientId, reason, stoppingToken).ConfigureAwait(false);
            return;
        }

        var since = time.GetUtcNow();
        if (row.Status == DeliveryStatus.Sending && row.SendingSince is { } started && since - started < o.SendingLease && !coordinator.IsSuperseded(row.SendingBy))
        {
            // Another sender is delivering it right now; look again once its lease would have run out. A holder that
            // a restart of its instance has replaced is dead: its row is taken over at once.
            await DeferAsync(message, o.SendingLease - (since - started) + TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            return;
        }

        // Waiting out a shared 429 pause is the only cancellable step: until the claim nothing has changed.
        await throttle.WaitForPauseAsync(stoppingToken).ConfigureAwait(false);

        // From the claim on, the send and its bookkeeping finish even when shutdown has begun. The rate budget
        // is taken inside the connector call (ThrottledConnectorClient), just before the request leaves.
        using var finishing = new CancellationTokenSource(o.SendTimeout, time);
        var finish = finishing.Token;
        var claimedAt = time.GetUtcNow();
        var claimed = await deliveries.TryWriteAsync(row with
        {
            Status = DeliveryStatus.Sending, SendingSince = claimedAt, SendingBy = identity.Holder, UpdatedAt = claimedAt,
        }, finish).ConfigureAwait(false);
        if (claimed is null)
        {
            return; // Another sender claimed it first; this message reappears and finds the row final.
        }

        await SendClaimedAsync(message, claimed, partial: false, ticket.Address, finish).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a row this sender has claimed and records the outcome. A <paramref name="partial"/> row (fast path)
    /// holds only the sending fields and the letter: a success is recorded as a merge of the status fields; a
    /// retry or failure first reads the whole row (attempt count), still guarded by the claim's ETag.
    /// </summary>
    private async Task SendClaimedAsync(DeliveryMessage message, DeliveryRow claimed, bool partial, ConversationReference? address, CancellationToken finish)
    {
        var o = options.Value;
        Dialogs.Conversation.OutgoingMessage outgoing;
        try
        {
            outgoing = ReminderMessages.Deserialize(claimed.Message);
        }
        catch (System.Text.Json.JsonException)
        {
            await FailAsync(message, claimed, partial, DeliveryStatus.Failed, "unreadable message content", finish).ConfigureAwait(false);
            return;
        }

        try
        {
            var outcome = address is not null
                ? await _messenger.SendToReferenceAsync(claimed.RecipientId, address, outgoing, finish).ConfigureAwait(false)
                : await _messenger.SendAsync(claimed.RecipientId, outgoing, finish).ConfigureAwait(false);
            var (status, reason) = outcome == DeliveryOutcome.Sent
                ? (DeliveryStatus.Sent, (string?)null)
                : (DeliveryStatus.Unreachable, ProactiveMessenger.ReasonOf(outcome));
            await CompleteAsync(message, claimed, status, reason, finish, partial).ConfigureAwait(false);
        }
        catch (UserUnreachableException)
        {
            await CompleteAsync(message, claimed, DeliveryStatus.Unreachable, ProactiveMessenger.BlockedReason, finish, partial).ConfigureAwait(false);
        }
        catch (ConnectorException ex) when (ex.StatusCode == 429)
        {
            stats.AddThrottled();
            var retryAfter = ex.RetryAfter is { } ra && ra > TimeSpan.Zero ? ra : o.DefaultRetryAfter;
            await coordinator.ReportThrottledAsync(retryAfter, finish).ConfigureAwait(false);
            if (await WholeAsync(claimed, partial, finish).ConfigureAwait(false) is { } whole)
            {
                await RequeueAsync(message, whole with { Status = DeliveryStatus.Queued, SendingSince = null, SendingBy = null }, retryAfter, finish).ConfigureAwait(false);
            }
        }
        catch (ConnectorException ex) when (ex.StatusCode is >= 500 or 0 or 408)
        {
            await RetryLaterAsync(message, claimed, partial, $"HTTP {ex.StatusCode}", finish).ConfigureAwait(false);
        }
        catch (ConnectorException ex)
        {
            await FailAsync(message, claimed, partial, DeliveryStatus.Failed, $"HTTP {ex.StatusCode}: {ex.Message}", finish).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            await RetryLaterAsync(message, claimed, partial, "network: " + ex.Message, finish).ConfigureAwait(false);
        }
        catch (TaskCanceledException) when (!finish.IsCancellationRequested)
        {
            await RetryLaterAsync(message, claimed, partial, "timeout", finish).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The whole row behind a partial one, read under the claim: null when someone else holds it now (its lease
    /// ran out and another sender took it over), in which case this sender leaves it alone.
    /// </summary>
    private async Task<DeliveryRow?> WholeAsync(DeliveryRow claimed, bool partial, CancellationToken cancellationToken)
    {
        if (!partial)
        {
            return claimed;
        }

        var row = await deliveries.GetAsync(claimed.RunId, claimed.RecipientId, cancellationToken).ConfigureAwait(false);
        return row is not null && row.ETag == claimed.ETag ? row : null;
    }

    private async Task FailAsync(DeliveryMessage message, DeliveryRow claimed, bool partial, DeliveryStatus status, string reason, CancellationToken cancellationToken)
    {
        if (await WholeAsync(claimed, partial, cancellationToken).ConfigureAwait(false) is { } whole)
        {
            await CompleteAsync(message, whole, status, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RetryLaterAsync(DeliveryMessage message, DeliveryRow held, bool partial, string reason, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (await WholeAsync(held, partial, cancellationToken).ConfigureAwait(false) is not { } claimed)
        {
            return;
        }

        var attempts = claimed.Attempts + 1;
        if (attempts >= o.MaxAttempts)
        {
            await CompleteAsync(message, claimed with { Attempts = attempts }, DeliveryStatus.Failed, $"{reason} after {attempts} attempts", cancellationToken).ConfigureAwait(false);
            return;
        }

        stats.AddRetried();
        var backoff = TimeSpan.FromTicks(Math.Min(o.RetryBaseDelay.Ticks << Math.Min(attempts - 1, 8), TimeSpan.FromMinutes(5).Ticks));
        backoff += TimeSpan.FromMilliseconds(Random.Shared.Next(0, (int)Math.Max(1, backoff.TotalMilliseconds / 4)));
        await RequeueAsync(message, claimed with
        {
            Status = DeliveryStatus.Queued, Attempts = attempts, Reason = reason, SendingSince = null, SendingBy = null,
        }, backoff, cancellationToken).ConfigureAwait(false);
    }

    private async Task RequeueAsync(DeliveryMessage message, DeliveryRow row, TimeSpan after, CancellationToken cancellationToken)
    {
        // The message then carries the requeued row's ETag, so the next attempt claims it without a read.
        var queued = await deliveries.TryWriteAsync(row with { UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        var address = QueueTicket.TryParse(message.Body, out var ticket) ? ticket.Address : null;
        await DeferAsync(message, after, queued is null ? null : new QueueTicket(queued.RunId, queued.RecipientId, queued.ETag, queued.Message, address).ToBody()).ConfigureAwait(false);
    }

    private async Task CompleteAsync(DeliveryMessage message, DeliveryRow claimed, DeliveryStatus status, string? reason, CancellationToken cancellationToken, bool partial = false)
    {
        var now = time.GetUtcNow();
        var done = claimed with
        {
            Status = status, Reason = reason, UpdatedAt = now, SentAt = status == DeliveryStatus.Sent ? now : claimed.SentAt,
        };

        // Mark first, delete second: a crash in between leaves a message whose row is final, which is then
        // deleted without sending. A partial row (fast path) is marked by merging its status fields only.
        _ = partial
            ? await deliveries.TryFinishAsync(done, cancellationToken).ConfigureAwait(false)
            : await deliveries.TryWriteAsync(done, cancellationToken).ConfigureAwait(false) is not null;
        switch (status)
        {
            case DeliveryStatus.Sent:
                stats.AddSent();
                break;
            case DeliveryStatus.Unreachable:
                stats.AddUnreachable();
                break;
            default:
                stats.AddFailed();
                LogFailedFinal(claimed.RunId, claimed.RecipientId, reason);
                break;
        }

        if (BeforeDelete is { } hook)
        {
            await hook(done, cancellationToken).ConfigureAwait(false);
        }

        await DeleteAsync(message, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeadLetterAsync(DeliveryMessage message, string? runId, string? recipientId, string reason, CancellationToken cancellationToken)
    {
        stats.AddDeadLettered();
        LogDeadLettered(message.MessageId, reason);
        await deadLetters.AddAsync(runId, recipientId, message.MessageId, message.DequeueCount, message.Body, reason, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await DeleteAsync(message, CancellationToken.None).ConfigureAwait(false);
    }

    // False when our lease on the message ran out and another sender holds it now; it will decide.
    private Task DeferAsync(DeliveryMessage message, TimeSpan after, string? newBody = null) =>
        queue.UpdateAsync(message, newBody, after, CancellationToken.None);

    // Already deleted, or our pop receipt is stale (another sender got it and will find the row final): nothing to do.
    private Task DeleteAsync(DeliveryMessage message, CancellationToken cancellationToken) =>
        queue.DeleteAsync(message, cancellationToken);

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Reminder queue read failed")]
    private partial void LogQueueFailed(Exception ex);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Reminder message {MessageId} could not be processed; it will be retried")]
    private partial void LogProcessFailed(Exception ex, string messageId);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Reminder message {MessageId} dead-lettered: {Reason}")]
    private partial void LogDeadLettered(string messageId, string reason);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Reminder {RunId} to {RecipientId} failed: {Reason}")]
    private partial void LogFailedFinal(string runId, string recipientId, string? reason);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "Took back {Count} messages held by {Previous}, which died; they are sent now on the urgent lane")]
    private partial void LogReclaimed(int count, string previous);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Information, Message = "Stopping: gave back {Count} messages taken but not started")]
    private partial void LogGaveBack(int count);
}

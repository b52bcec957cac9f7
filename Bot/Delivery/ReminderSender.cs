using VolunteerBot.Channel;
using System.Threading.Channels;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using VolunteerBot.Channel.Connector;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Delivery.RateLimiting;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Delivery;

namespace VolunteerBot.Delivery;

/// <summary>
/// Runs in every instance: takes reminder messages from the queue and delivers them through the connector,
/// under the shared rate limit. Exactly-once per recipient comes from the delivery row, not the queue (which is
/// at-least-once): a row is claimed Queued → Sending with its ETag before the send, marked Sent / Failed /
/// Unreachable after it, and only then is the queue message deleted. A message whose row is already final is
/// deleted without sending. See docs/reminders.md for the argument and its one remaining window.
/// </summary>
public sealed partial class ReminderSender(
    StorageAccount account,
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
    private readonly QueueClient _queue = account.Queue(StorageNames.ReminderQueue);

    private readonly ILogger _logger = loggers.CreateLogger<ReminderSender>();

    // The proactive path with the throttle in front of the connector: the budget is taken right before each request.
    private readonly ProactiveMessenger _messenger = new(new ThrottledConnectorClient(connector, throttle), references, staff, time, loggers.CreateLogger<ProactiveMessenger>(), installer);

    /// <summary>Test hook: runs after a row is final and before its queue message is deleted (crash injection).</summary>
    internal Func<DeliveryRow, CancellationToken, Task>? BeforeDelete { get; set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        var buffer = System.Threading.Channels.Channel.CreateBounded<QueueMessage>(new BoundedChannelOptions(Math.Max(o.BatchSize, o.Concurrency * 2))
        {
            SingleWriter = true,
        });
        var workers = Enumerable.Range(0, Math.Max(1, o.Concurrency)).Select(_ => WorkAsync(buffer.Reader, stoppingToken)).ToArray();
        try
        {
            await ReceiveAsync(buffer.Writer, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            buffer.Writer.TryComplete();
            await Task.WhenAll(workers).ConfigureAwait(false);
        }
    }

    private async Task ReceiveAsync(ChannelWriter<QueueMessage> writer, CancellationToken stoppingToken)
    {
        var o = options.Value;
        var idle = o.IdlePoll;
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
            QueueMessage[] messages;
            try
            {
                messages = (await _queue.ReceiveMessagesAsync(Math.Clamp(o.BatchSize, 1, 32), o.VisibilityTimeout, stoppingToken).ConfigureAwait(false)).Value;
            }
            catch (Exception ex) when ((ex is RequestFailedException || VolunteerBot.Storage.StorageFaults.IsFault(ex)) && !stoppingToken.IsCancellationRequested)
            {
                LogQueueFailed(ex);
                messages = [];
            }

            if (messages.Length == 0)
            {
                // Idle: poll again later, or at once when this process puts something on the queue.
                using (var nap = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    var delay = Task.Delay(idle, time, nap.Token);
                    await Task.WhenAny(delay, woken).ConfigureAwait(false);
                    await nap.CancelAsync().ConfigureAwait(false);
                    stoppingToken.ThrowIfCancellationRequested();
                }

                idle = woken.IsCompleted ? o.IdlePoll : TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, o.IdlePoll.Ticks * 5));
                continue;
            }

            idle = o.IdlePoll;
            foreach (var message in messages)
            {
                await writer.WriteAsync(message, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private async Task WorkAsync(ChannelReader<QueueMessage> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await ProcessAsync(message, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    // Includes a send that hit SendTimeout: the worker lives on. The message becomes visible
                    // again after its timeout and is retried; after MaxDequeueCount tries it is dead-lettered.
                    LogProcessFailed(ex, message.MessageId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Messages not started stay in the queue and reappear for the next sender.
        }
    }

    /// <summary>Handles one queue message; public so tests and the benchmark can drive a single step.</summary>
    public async Task ProcessAsync(QueueMessage message, CancellationToken stoppingToken)
    {
        var o = options.Value;
        var body = message.Body.ToString();
        if (!QueueTicket.TryParse(body, out var ticket))
        {
            await DeadLetterAsync(message, null, null, "unreadable queue message", stoppingToken).ConfigureAwait(false);
            return;
        }

        var (runId, recipientId, queuedETag, copy) = (ticket.RunId, ticket.RecipientId, ticket.ETag, ticket.Message);

        // Fast path: claim with the ETag the row had when this message was queued. If that succeeds the row was
        // still Queued and unchanged, so the message's copy of the letter is the row's — no read needed.
        if (queuedETag is not null && copy is not null && message.DequeueCount <= o.MaxDequeueCount)
        {
            await throttle.WaitForPauseAsync(stoppingToken).ConfigureAwait(false);
            using var fast = new CancellationTokenSource(o.SendTimeout, time);
            var now = time.GetUtcNow();
            if (await deliveries.TryClaimAsync(runId, recipientId, new ETag(queuedETag), identity.Id, now, fast.Token).ConfigureAwait(false) is { } etag)
            {
                stats.AddFastClaim();
                var held = new DeliveryRow
                {
                    RunId = runId, RecipientId = recipientId, Audience = ReminderAudience.Volunteer, Status = DeliveryStatus.Sending,
                    Message = copy, SendingSince = now, SendingBy = identity.Id, UpdatedAt = now, ETag = etag,
                };
                await SendClaimedAsync(message, held, partial: true, ticket.Address, fast.Token).ConfigureAwait(false);
                return;
            }
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
        if (row.Status == DeliveryStatus.Sending && row.SendingSince is { } started && since - started < o.SendingLease)
        {
            // Another sender is delivering it right now; look again once its lease would have run out.
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
            Status = DeliveryStatus.Sending, SendingSince = claimedAt, SendingBy = identity.Id, UpdatedAt = claimedAt,
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
    private async Task SendClaimedAsync(QueueMessage message, DeliveryRow claimed, bool partial, ConversationReference? address, CancellationToken finish)
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

    private async Task FailAsync(QueueMessage message, DeliveryRow claimed, bool partial, DeliveryStatus status, string reason, CancellationToken cancellationToken)
    {
        if (await WholeAsync(claimed, partial, cancellationToken).ConfigureAwait(false) is { } whole)
        {
            await CompleteAsync(message, whole, status, reason, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RetryLaterAsync(QueueMessage message, DeliveryRow held, bool partial, string reason, CancellationToken cancellationToken)
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

    private async Task RequeueAsync(QueueMessage message, DeliveryRow row, TimeSpan after, CancellationToken cancellationToken)
    {
        // The message then carries the requeued row's ETag, so the next attempt claims it without a read.
        var queued = await deliveries.TryWriteAsync(row with { UpdatedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        var address = QueueTicket.TryParse(message.Body.ToString(), out var ticket) ? ticket.Address : null;
        await DeferAsync(message, after, queued is null ? null : new QueueTicket(queued.RunId, queued.RecipientId, queued.ETag.ToString(), queued.Message, address).ToBody()).ConfigureAwait(false);
    }

    private async Task CompleteAsync(QueueMessage message, DeliveryRow claimed, DeliveryStatus status, string? reason, CancellationToken cancellationToken, bool partial = false)
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

    private async Task DeadLetterAsync(QueueMessage message, string? runId, string? recipientId, string reason, CancellationToken cancellationToken)
    {
        stats.AddDeadLettered();
        LogDeadLettered(message.MessageId, reason);
        await deadLetters.AddAsync(runId, recipientId, message.MessageId, message.DequeueCount, message.Body.ToString(), reason, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await DeleteAsync(message, CancellationToken.None).ConfigureAwait(false);
    }

    private async Task DeferAsync(QueueMessage message, TimeSpan after, string? newBody = null)
    {
        try
        {
            await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, newBody, after, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Our lease on the message ran out and another sender holds it now; it will decide.
        }
    }

    private async Task DeleteAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 400)
        {
            // Already deleted, or our pop receipt is stale (another sender got it and will find the row final).
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Warning, Message = "Reminder queue read failed")]
    private partial void LogQueueFailed(Exception ex);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "Reminder message {MessageId} could not be processed; it will be retried")]
    private partial void LogProcessFailed(Exception ex, string messageId);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Warning, Message = "Reminder message {MessageId} dead-lettered: {Reason}")]
    private partial void LogDeadLettered(string messageId, string reason);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Reminder {RunId} to {RecipientId} failed: {Reason}")]
    private partial void LogFailedFinal(string runId, string recipientId, string? reason);
}

using VolunteerBot.Storage.Reminders;
using Microsoft.Extensions.Options;
using VolunteerBot.Delivery;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Reminders;

/// <summary>
/// Turns a <see cref="Broadcast"/> into an announcement run: stores its plan, claims the run (insert-if-absent on
/// the quarter and the broadcast's key, so a double approval announces once) and queues the fan-out for the
/// background, where <see cref="ReminderFanOut"/> writes a delivery row and a queue message per recipient and
/// <see cref="ReminderSender"/> delivers them under the shared rate limit — exactly as a reminder run.
/// </summary>
public sealed partial class BroadcastStarter(
    BroadcastPlanStore plans,
    ReminderRunner runner,
    ManualRunQueue background,
    IOptions<VolunteeringOptions> volunteering,
    TimeProvider time,
    ILogger<BroadcastStarter> logger) : IBroadcastDispatcher
{
    public const string Trigger = "announcement";

    public async Task StartAsync(Broadcast broadcast, string? requestedBy, CancellationToken cancellationToken)
    {
        if (!IsValidKey(broadcast.Key))
        {
            throw new ArgumentException($"Broadcast key '{broadcast.Key}' must be 1–200 letters, digits or hyphens.", nameof(broadcast));
        }

        var quarter = Quarter.Of(broadcast.At ?? time.GetUtcNow(), volunteering.Value.Zone);
        var runId = ReminderRunIds.Of(quarter, broadcast.Key);

        // The plan first: a claimed run always has one, so whoever resumes it can rebuild the recipients.
        await plans.SaveAsync(runId, broadcast, cancellationToken).ConfigureAwait(false);
        var claimed = await runner.TryClaimAsync(quarter, ReminderKind.Announcement, broadcast.Key, Trigger, requestedBy, broadcast.Label, cancellationToken).ConfigureAwait(false);
        if (claimed is null)
        {
            LogAlreadyStarted(runId);
            return;
        }

        background.Enqueue(claimed);
    }

    private static bool IsValidKey(string key) =>
        key.Length is > 0 and <= 200 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    [LoggerMessage(EventId = 6030, Level = LogLevel.Information, Message = "Broadcast run {RunId} was already started; not started again")]
    private partial void LogAlreadyStarted(string runId);
}

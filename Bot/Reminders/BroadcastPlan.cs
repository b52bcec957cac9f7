using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Delivery;

namespace VolunteerBot.Reminders;

/// <summary>A broadcast as a reminder plan: the same message for every recipient.</summary>
public sealed class BroadcastPlan(Broadcast broadcast) : IReminderPlan
{
    public IReadOnlyList<ReminderRecipient> Recipients { get; } =
        [.. broadcast.Recipients.Distinct(StringComparer.OrdinalIgnoreCase).Select(r => new ReminderRecipient(r, ReminderAudience.Volunteer))];

    public Task<OutgoingMessage> ComposeAsync(ReminderRecipient recipient, CancellationToken cancellationToken) => Task.FromResult(broadcast.Message);
}

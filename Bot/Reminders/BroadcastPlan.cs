using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Handlers.Core;

namespace VolunteerBot.Reminders;

/// <summary>A broadcast as a reminder plan: the same message for every recipient, in the recipient's language.</summary>
public sealed class BroadcastPlan(Broadcast broadcast, LanguageResolver languages) : IReminderPlan
{
    public IReadOnlyList<ReminderRecipient> Recipients { get; } =
        [.. broadcast.Recipients.Distinct(StringComparer.OrdinalIgnoreCase).Select(r => new ReminderRecipient(r, ReminderAudience.Volunteer))];

    public async Task<OutgoingMessage> ComposeAsync(ReminderRecipient recipient, CancellationToken cancellationToken) =>
        broadcast.Translations is null
            ? broadcast.Message
            : broadcast.In(await languages.ResolveAsync(recipient.AadObjectId, cancellationToken).ConfigureAwait(false));
}

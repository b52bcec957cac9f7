using VolunteerBot.Dialogs.Domain.Reminders;

namespace VolunteerBot.Dialogs.Conversation;

// The seam between the host's fan-out (Bot/Delivery) and the handlers that compose reminder letters: a plan hands back
// messages (cards), so it lives beside OutgoingMessage rather than in Domain, which knows no cards.

/// <summary>
/// The recipients of one run and, per recipient, the message. Data shared by many recipients (open projects,
/// the digest) is gathered once in <see cref="IReminderPlanner.PlanAsync"/>; <see cref="ComposeAsync"/> builds one letter.
/// </summary>
public interface IReminderPlan
{
    IReadOnlyList<ReminderRecipient> Recipients { get; }

    Task<OutgoingMessage> ComposeAsync(ReminderRecipient recipient, CancellationToken cancellationToken);
}

public interface IReminderPlanner
{
    Task<IReminderPlan> PlanAsync(ReminderRunContext run, CancellationToken cancellationToken);
}

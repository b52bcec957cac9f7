using VolunteerBot.Dialogs.Conversation;

namespace VolunteerBot.Dialogs.Domain.Reminders;

/// <summary>Who a reminder is for: a volunteer's personal reminder, a liaison's division standing, the committee's digest.</summary>
public enum ReminderAudience
{
    Volunteer,
    Liaison,
    Committee,
}

public sealed record ReminderRecipient(string AadObjectId, ReminderAudience Audience);

/// <summary>The run a plan is made for.</summary>
public sealed record ReminderRunContext(string RunId, Quarter Quarter, ReminderKind Kind, DateTimeOffset Now);

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

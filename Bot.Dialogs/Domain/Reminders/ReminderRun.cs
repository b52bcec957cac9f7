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

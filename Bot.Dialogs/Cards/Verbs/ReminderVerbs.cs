namespace VolunteerBot.Dialogs.Cards;

/// <summary>Every card verb of digests and reminders: cards send them, handlers route on them.</summary>
public static class ReminderVerbs
{
    public const string DigestShow = "digest.show";
    public const string ReminderResend = "reminder.resend";
    public const string ReminderStatus = "reminder.status";
}

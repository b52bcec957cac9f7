namespace VolunteerBot.Storage;

/// <summary>
/// Every table, queue and container the bot uses, created on start. A feature adds its names here
/// (tables: letters and digits only; queues and containers: lower case, digits, hyphens).
/// </summary>
public static class StorageNames
{
    public const string ConversationRefs = "ConversationRefs";
    public const string UserSettings = "UserSettings";
    public const string Volunteers = "Volunteers";
    public const string Divisions = "Divisions";
    public const string DivisionMembers = "DivisionMembers";
    public const string Staff = "Staff";
    public const string Feedback = "Feedback";
    public const string Idempotency = "Idempotency";
    public const string ReminderRuns = "ReminderRuns";
    public const string ReminderDeliveries = "ReminderDeliveries";
    public const string ReminderDeadLetters = "ReminderDeadLetters";
    public const string ReminderSenders = "ReminderSenders";
    public const string ReminderQueue = "reminders";

    public static readonly string[] Tables = [ConversationRefs, UserSettings, Volunteers, Divisions, Idempotency,
        DivisionMembers, Staff, Feedback,
        ReminderRuns, ReminderDeliveries, ReminderDeadLetters, ReminderSenders];

    public static readonly string[] Queues = [ReminderQueue];

    public static readonly string[] Containers = [];
}

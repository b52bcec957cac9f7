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
    public const string Projects = "Projects";
    public const string SignUps = "SignUps";
    public const string VolunteerSignUps = "VolunteerSignUps";
    public const string SignUpReminders = "SignUpReminders";

    public static readonly string[] Tables = [ConversationRefs, UserSettings, Volunteers, Divisions, Idempotency,
        DivisionMembers, Staff, Feedback, Projects, SignUps, VolunteerSignUps, SignUpReminders];

    public static readonly string[] Queues = [];

    public static readonly string[] Containers = [];
}

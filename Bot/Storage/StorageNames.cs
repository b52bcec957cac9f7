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
    public const string IdempotencyExpiry = "IdempotencyExpiry";
    public const string Projects = "Projects";
    public const string SignUps = "SignUps";
    public const string VolunteerSignUps = "VolunteerSignUps";
    public const string SignUpReminders = "SignUpReminders";
    public const string ServiceRecords = "ServiceRecords";
    public const string ServiceRecordsByMonth = "ServiceRecordsByMonth";
    public const string ServiceRecordYears = "ServiceRecordYears";
    public const string ServiceRecordCopies = "ServiceRecordCopies";
    public const string ServiceRecordConfirmations = "ServiceRecordConfirmations";
    public const string PointsRules = "PointsRules";
    public const string Certificates = "Certificates";
    public const string PointsLedger = "PointsLedger";
    public const string PointsPublications = "PointsPublications";
    public const string CommitteeMembers = "CommitteeMembers";
    public const string AuditTrail = "AuditTrail";
    public const string GearNudges = "GearNudges";
    public const string Honours = "Honours";
    public const string DocumentsContainer = "documents";
    public const string Gear = "Gear";
    public const string Trainings = "Trainings";
    public const string TrainingAttendance = "TrainingAttendance";
    public const string Photos = "Photos";
    public const string Highlights = "Highlights";
    public const string PhotoContainer = "photos";
    public const string FileContainer = "files";
    public const string DownloadLinks = "DownloadLinks";
    public const string ReminderRuns = "ReminderRuns";
    public const string ReminderDeliveries = "ReminderDeliveries";
    public const string ReminderDeadLetters = "ReminderDeadLetters";
    public const string ReminderSenders = "ReminderSenders";
    public const string CheckIns = "CheckIns";
    public const string CheckInCodes = "CheckInCodes";
    public const string VolunteerCheckIns = "VolunteerCheckIns";
    public const string DashboardMonths = "DashboardMonths";
    public const string DeliveryOutbox = "DeliveryOutbox";
    public const string ReminderQueue = "reminders";

    /// <summary>The urgent lane of the delivery queue: single notifications, read before the reminders (issue 14).</summary>
    public const string NotificationQueue = "notifications";
    public const string BroadcastContainer = "broadcasts";

    public static readonly string[] Tables = [ConversationRefs, UserSettings, Volunteers, Divisions, Idempotency,
        DivisionMembers, Staff, Feedback, Projects, SignUps, VolunteerSignUps, SignUpReminders,
        ServiceRecords, ServiceRecordsByMonth, ServiceRecordYears, ServiceRecordConfirmations, PointsRules, Certificates,
        Gear, Trainings, TrainingAttendance, Photos, Highlights, DownloadLinks,
        ReminderRuns, ReminderDeliveries, ReminderDeadLetters, ReminderSenders, IdempotencyExpiry, ServiceRecordCopies,
        CheckIns, CheckInCodes, VolunteerCheckIns,
        AuditTrail, DashboardMonths, DeliveryOutbox,
        PointsLedger, PointsPublications, CommitteeMembers, GearNudges, Honours];

    public static readonly string[] Queues = [ReminderQueue, NotificationQueue];

    public static readonly string[] Containers = [DocumentsContainer, PhotoContainer, FileContainer, BroadcastContainer];
}

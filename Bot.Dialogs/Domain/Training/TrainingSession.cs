namespace VolunteerBot.Dialogs.Domain.Training;

/// <summary>Kinds of training the seed names (R3) and the usual skills training.</summary>
public enum TrainingKind
{
    /// <summary>道德讲堂</summary>
    MoralLecture,

    /// <summary>主题党日</summary>
    PartyDay,

    /// <summary>技能培训</summary>
    Skills,

    /// <summary>其他</summary>
    Other,
}

/// <summary>Someone who attended, with the division they belonged to that day (records stay with it, R2).</summary>
public sealed record TrainingAttendee(string AadObjectId, string Name, string DivisionId);

/// <summary>
/// A training session (R3) recorded by the committee. Training hours (<see cref="Hours"/>) are kept apart from
/// service hours: they never count towards 服务时长 or points.
/// </summary>
public sealed record TrainingSession
{
    /// <summary>"yyyy-xxxxxxxx": the year the form was opened (the storage partition) and 8 hex digits; generated when the form opened, so a double tap saves one session.</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required TrainingKind Kind { get; init; }
    public required DateOnly Date { get; init; }
    public required decimal Hours { get; init; }
    public required string Organiser { get; init; }
    public string Content { get; init; } = "";
    public required IReadOnlyList<TrainingAttendee> Attendees { get; init; }
    public required string RecordedByAadObjectId { get; init; }
    public required string RecordedByName { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static string NewId(int year) => year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
}

/// <summary>One training in a volunteer's record (我的培训; the certificate lists these).</summary>
public sealed record TrainingAttendance(string SessionId, string Title, TrainingKind Kind, DateOnly Date, decimal Hours, string Organiser);

/// <summary>Training records. Saving the same session again (same id) replaces it and its attendance rows.</summary>
public interface ITrainingStore
{
    /// <summary>Creates or replaces a session; attendees removed since the last save lose their attendance row.</summary>
    Task SaveAsync(TrainingSession session, CancellationToken cancellationToken);

    Task<TrainingSession?> GetAsync(string sessionId, CancellationToken cancellationToken);

    /// <summary>Sessions recorded in a year (one partition), newest training first.</summary>
    Task<IReadOnlyList<TrainingSession>> ListYearAsync(int year, CancellationToken cancellationToken);

    /// <summary>A volunteer's trainings (one partition), newest first.</summary>
    Task<IReadOnlyList<TrainingAttendance>> ListForVolunteerAsync(string aadObjectId, CancellationToken cancellationToken);
}

/// <summary>What the profile command and the certificate (issue 5) read: a volunteer's trainings, apart from service hours.</summary>
public interface ITrainingReader
{
    Task<IReadOnlyList<TrainingAttendance>> ListForVolunteerAsync(string aadObjectId, CancellationToken cancellationToken);
}

public sealed class TrainingReader(ITrainingStore store) : ITrainingReader
{
    public Task<IReadOnlyList<TrainingAttendance>> ListForVolunteerAsync(string aadObjectId, CancellationToken cancellationToken) =>
        store.ListForVolunteerAsync(aadObjectId, cancellationToken);
}

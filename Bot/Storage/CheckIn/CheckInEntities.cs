using System.Globalization;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.CheckIn;

namespace VolunteerBot.Storage.CheckIn;

/// <summary>Maps check-in sessions, attendance and the code throttle to table entities and back; the check-in row keys.</summary>
internal static class CheckInEntities
{
    public const string SessionRow = "session";

    public const string VolunteerPrefix = "v-";

    public const string CodePartition = "code";

    public const string ThrottleRow = "~throttle";

    public static string RowOf(string aadObjectId) => VolunteerPrefix + TableKeys.Escape(aadObjectId);

    public static TableEntity ToEntity(CheckInSession s) => new(TableKeys.Escape(s.ProjectId), SessionRow)
    {
        ["ProjectId"] = s.ProjectId,
        ["Code"] = s.Code,
        ["CodeShownAt"] = s.CodeShownAt,
        ["PreviousCode"] = s.PreviousCode,
        ["OpenedBy"] = s.OpenedByAadObjectId,
        ["OpenedByName"] = s.OpenedByName,
        ["OpenedAt"] = s.OpenedAt,
        ["Revision"] = s.Revision,
    };

    public static CheckInSession ToSession(TableEntity e) => new()
    {
        ProjectId = e.GetString("ProjectId") ?? e.PartitionKey,
        Code = e.GetString("Code") ?? "",
        CodeShownAt = e.GetDateTimeOffset("CodeShownAt") ?? default,
        PreviousCode = e.GetString("PreviousCode"),
        OpenedByAadObjectId = e.GetString("OpenedBy") ?? "",
        OpenedByName = e.GetString("OpenedByName") ?? "",
        OpenedAt = e.GetDateTimeOffset("OpenedAt") ?? default,
        Revision = e.GetInt32("Revision") ?? 1,
    };

    public static TableEntity ToEntity(Attendance a) => new(TableKeys.Escape(a.ProjectId), RowOf(a.VolunteerAadObjectId))
    {
        ["ProjectId"] = a.ProjectId,
        ["ProjectTitle"] = a.ProjectTitle,
        ["ProjectStart"] = a.ProjectStart,
        ["ProjectEnd"] = a.ProjectEnd,
        ["VolunteerAadObjectId"] = a.VolunteerAadObjectId,
        ["VolunteerName"] = a.VolunteerName,
        ["DivisionId"] = a.DivisionId,
        ["IsWalkIn"] = a.IsWalkIn,
        ["CheckedInAt"] = a.CheckedInAt,
        ["CheckedOutAt"] = a.CheckedOutAt,
        ["RecordedAt"] = a.RecordedAt,
    };

    public static Attendance ToAttendance(TableEntity e) => new()
    {
        ProjectId = e.GetString("ProjectId") ?? e.PartitionKey,
        ProjectTitle = e.GetString("ProjectTitle") ?? "",
        ProjectStart = e.GetDateTimeOffset("ProjectStart") ?? default,
        ProjectEnd = e.GetDateTimeOffset("ProjectEnd") ?? default,
        VolunteerAadObjectId = e.GetString("VolunteerAadObjectId") ?? e.RowKey[VolunteerPrefix.Length..],
        VolunteerName = e.GetString("VolunteerName") ?? "",
        DivisionId = e.GetString("DivisionId") ?? "",
        IsWalkIn = e.GetBoolean("IsWalkIn") ?? false,
        CheckedInAt = e.GetDateTimeOffset("CheckedInAt") ?? default,
        CheckedOutAt = e.GetDateTimeOffset("CheckedOutAt"),
        RecordedAt = e.GetDateTimeOffset("RecordedAt"),
    };

    public static TableEntity ToEntity(string pk, CodeThrottle t) => new(pk, ThrottleRow)
    {
        ["Failures"] = string.Join(',', t.Failures.Select(f => f.UtcTicks.ToString(CultureInfo.InvariantCulture))),
        ["BlockedUntil"] = t.BlockedUntil,
    };

    public static CodeThrottle ToThrottle(TableEntity e) => new(
        (e.GetString("Failures") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => new DateTimeOffset(long.Parse(t, CultureInfo.InvariantCulture), TimeSpan.Zero)).ToList(),
        e.GetDateTimeOffset("BlockedUntil"));

    /// <summary>The <c>CheckInCodes</c> row: PartitionKey <see cref="CodePartition"/>, RowKey the six digits.</summary>
    public static TableEntity ToEntity(CodeLease lease) => new(CodePartition, lease.Code)
    {
        ["ProjectId"] = lease.ProjectId,
        ["ValidUntil"] = lease.ValidUntil,
    };

    public static CodeLease ToLease(string code, TableEntity e) =>
        new(code, e.GetString("ProjectId") ?? "", e.GetDateTimeOffset("ValidUntil") ?? default);

    /// <summary>The <c>VolunteerCheckIns</c> index row: PartitionKey the volunteer's Entra object id, RowKey the project id.</summary>
    public static TableEntity ToIndexEntity(Attendance a) => new(TableKeys.Escape(a.VolunteerAadObjectId), TableKeys.Escape(a.ProjectId))
    {
        ["ProjectId"] = a.ProjectId,
        ["ProjectEnd"] = a.ProjectEnd,
        ["CheckedInAt"] = a.CheckedInAt,
    };
}

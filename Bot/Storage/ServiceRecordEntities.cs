using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Storage;

/// <summary>Maps service records, audit entries, totals and exchanges to table entities and back.</summary>
internal static class ServiceRecordEntities
{
    public const string RecordPrefix = "r-";
    public const string AuditPrefix = "a-";
    public const string ExchangePrefix = "x-";
    public const string YearPrefix = "y-";
    public const string BalanceRow = "s-balance";

    public static TableEntity ToEntity(string pk, string rk, ServiceRecord r)
    {
        var e = new TableEntity(pk, rk)
        {
            ["RecordId"] = r.Id,
            ["VolunteerAadObjectId"] = r.VolunteerAadObjectId,
            ["VolunteerName"] = r.VolunteerName,
            ["DivisionId"] = r.DivisionId,
            ["ProjectId"] = r.ProjectId,
            ["ProjectTitle"] = r.ProjectTitle,
            ["OrganiserDivisionIds"] = string.Join(',', r.OrganiserDivisionIds),
            ["IsCentralised"] = r.IsCentralised,
            ["DeclarationNumber"] = r.DeclarationNumber,
            ["Place"] = r.Place,
            ["Content"] = r.Content,
            ["Date"] = r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Hours"] = (double)r.Hours,
            ["Status"] = r.Status.ToString(),
            ["Quality"] = r.Quality?.ToString(),
            ["Points"] = r.Points,
            ["Source"] = r.Source.ToString(),
            ["MissingCheckOut"] = r.MissingCheckOut,
            ["LoggedBy"] = r.LoggedByAadObjectId,
            ["LoggedAt"] = r.LoggedAt,
            ["DecidedBy"] = r.DecidedByAadObjectId,
            ["DecidedByName"] = r.DecidedByName,
            ["DecidedAt"] = r.DecidedAt,
            ["RejectReason"] = r.RejectReason,
            ["Revision"] = r.Revision,
            ["UpdatedAt"] = r.UpdatedAt,
        };
        return e;
    }

    public static ServiceRecord ToRecord(TableEntity e) => new()
    {
        VolunteerAadObjectId = e.GetString("VolunteerAadObjectId") ?? "",
        VolunteerName = e.GetString("VolunteerName") ?? "",
        DivisionId = e.GetString("DivisionId") ?? "",
        ProjectId = e.GetString("ProjectId") is { Length: > 0 } p ? p : null,
        ProjectTitle = e.GetString("ProjectTitle") ?? "",
        OrganiserDivisionIds = (e.GetString("OrganiserDivisionIds") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        IsCentralised = e.GetBoolean("IsCentralised") ?? false,
        DeclarationNumber = e.GetString("DeclarationNumber"),
        Place = e.GetString("Place") ?? "",
        Content = e.GetString("Content") ?? "",
        Date = DateOnly.ParseExact(e.GetString("Date") ?? "0001-01-01", "yyyy-MM-dd", CultureInfo.InvariantCulture),
        Hours = (decimal)(e.GetDouble("Hours") ?? 0),
        Status = Enum.Parse<RecordStatus>(e.GetString("Status") ?? nameof(RecordStatus.Pending)),
        Quality = e.GetString("Quality") is { Length: > 0 } q ? Enum.Parse<ServiceQuality>(q) : null,
        Points = e.GetInt32("Points") ?? 0,
        Source = Enum.Parse<RecordSource>(e.GetString("Source") ?? nameof(RecordSource.Volunteer)),
        MissingCheckOut = e.GetBoolean("MissingCheckOut") ?? false,
        LoggedByAadObjectId = e.GetString("LoggedBy") ?? "",
        LoggedAt = e.GetDateTimeOffset("LoggedAt") ?? default,
        DecidedByAadObjectId = e.GetString("DecidedBy"),
        DecidedByName = e.GetString("DecidedByName"),
        DecidedAt = e.GetDateTimeOffset("DecidedAt"),
        RejectReason = e.GetString("RejectReason"),
        Revision = e.GetInt32("Revision") ?? 0,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
    };

    public static TableEntity ToEntity(string pk, AuditEntry a) => new(pk, AuditRow(a.RecordId, a.Revision))
    {
        ["RecordId"] = a.RecordId,
        ["Revision"] = a.Revision,
        ["Action"] = a.Action.ToString(),
        ["By"] = a.ByAadObjectId,
        ["ByName"] = a.ByName,
        ["At"] = a.At,
        ["Changes"] = a.Changes,
        ["Reason"] = a.Reason,
    };

    public static AuditEntry ToAudit(TableEntity e) => new(
        e.GetString("RecordId") ?? "",
        e.GetInt32("Revision") ?? 0,
        Enum.Parse<AuditAction>(e.GetString("Action") ?? nameof(AuditAction.Logged)),
        e.GetString("By") ?? "",
        e.GetString("ByName") ?? "",
        e.GetDateTimeOffset("At") ?? default,
        e.GetString("Changes") ?? "",
        e.GetString("Reason"));

    public static string AuditRow(string recordId, int revision) =>
        AuditPrefix + recordId + "-" + revision.ToString("D4", CultureInfo.InvariantCulture);

    /// <summary>The year row; <paramref name="version"/> grows by one with every change, so copies are replaced only by newer ones (0: seeded, never changed).</summary>
    public static TableEntity ToEntity(string pk, string rk, YearSummary s, int version = 0) => new(pk, rk)
    {
        [ServiceRecordCopies.VersionProperty] = version,
        ["Year"] = s.Year,
        ["VolunteerAadObjectId"] = s.VolunteerAadObjectId,
        ["VolunteerName"] = s.VolunteerName,
        ["Hours"] = (double)s.Hours,
        ["Points"] = s.Points,
        ["Records"] = s.Records,
        ["HoursByDivision"] = JsonSerializer.Serialize(s.HoursByDivision.Where(kv => kv.Value != 0).ToDictionary(kv => kv.Key, kv => (double)kv.Value)),
    };

    public static YearSummary ToYear(TableEntity e) => new()
    {
        Year = e.GetInt32("Year") ?? 0,
        VolunteerAadObjectId = e.GetString("VolunteerAadObjectId") ?? "",
        VolunteerName = e.GetString("VolunteerName") ?? "",
        Hours = (decimal)(e.GetDouble("Hours") ?? 0),
        Points = e.GetInt32("Points") ?? 0,
        Records = e.GetInt32("Records") ?? 0,
        HoursByDivision = (JsonSerializer.Deserialize<Dictionary<string, double>>(e.GetString("HoursByDivision") ?? "{}") ?? [])
            .ToDictionary(kv => kv.Key, kv => (decimal)kv.Value, StringComparer.Ordinal),
    };

    public static PointsBalance ToBalance(TableEntity? e) =>
        e is null ? PointsBalance.Zero : new PointsBalance(e.GetInt32("Earned") ?? 0, e.GetInt32("Redeemed") ?? 0);

    public static TableEntity ToEntity(string pk, PointsBalance b) => new(pk, BalanceRow)
    {
        ["Earned"] = b.Earned,
        ["Redeemed"] = b.Redeemed,
        ["Balance"] = b.Balance,
    };

    public static TableEntity ToEntity(string pk, PointsExchange x) => new(pk, ExchangePrefix + TableKeys.Escape(x.Id))
    {
        ["ExchangeId"] = x.Id,
        ["VolunteerAadObjectId"] = x.VolunteerAadObjectId,
        ["Points"] = x.Points,
        ["Item"] = x.Item,
        ["By"] = x.ByAadObjectId,
        ["ByName"] = x.ByName,
        ["At"] = x.At,
    };

    public static PointsExchange ToExchange(TableEntity e) => new(
        e.GetString("ExchangeId") ?? "",
        e.GetString("VolunteerAadObjectId") ?? "",
        e.GetInt32("Points") ?? 0,
        e.GetString("Item") ?? "",
        e.GetString("By") ?? "",
        e.GetString("ByName") ?? "",
        e.GetDateTimeOffset("At") ?? default);
}

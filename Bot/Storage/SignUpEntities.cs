using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Storage;

/// <summary>Maps sign-ups and a project's counter row to table entities and back; the sign-up row keys.</summary>
internal static class SignUpEntities
{
    public const string CounterRow = "counter";

    public const string VolunteerPrefix = "v-";

    public static string RowOf(string aadObjectId) => VolunteerPrefix + TableKeys.Escape(aadObjectId);

    public static TableEntity Counter(string pk, int confirmed, int waitlisted, long nextSequence) => new(pk, CounterRow)
    {
        ["Confirmed"] = confirmed,
        ["Waitlisted"] = waitlisted,
        ["NextSequence"] = nextSequence,
    };

    /// <summary>The counter row, read (absent: nothing counted yet, the first sequence is 1); <see cref="Counter"/> writes it.</summary>
    public static (int Confirmed, int Waitlisted, long NextSequence) CounterOf(TableEntity? e) =>
        (e?.GetInt32("Confirmed") ?? 0, e?.GetInt32("Waitlisted") ?? 0, e?.GetInt64("NextSequence") ?? 1L);

    public static SignUpStatus StatusOf(TableEntity e) =>
        Enum.TryParse<SignUpStatus>(e.GetString("Status"), out var s) ? s : SignUpStatus.Cancelled;

    public static TableEntity ToEntity(SignUp s) => new(TableKeys.Escape(s.ProjectId), RowOf(s.VolunteerAadObjectId))
    {
        ["ProjectId"] = s.ProjectId,
        ["VolunteerAadObjectId"] = s.VolunteerAadObjectId,
        ["VolunteerName"] = s.VolunteerName,
        ["DivisionId"] = s.DivisionId,
        ["Status"] = s.Status.ToString(),
        ["Sequence"] = s.Sequence,
        ["SignedUpAt"] = s.SignedUpAt,
        ["PromotedAt"] = s.PromotedAt,
        ["CancelledAt"] = s.CancelledAt,
        ["UpdatedAt"] = s.UpdatedAt,
    };

    public static SignUp ToSignUp(TableEntity e) => new()
    {
        ProjectId = e.GetString("ProjectId") ?? e.PartitionKey,
        VolunteerAadObjectId = e.GetString("VolunteerAadObjectId") ?? e.RowKey[VolunteerPrefix.Length..],
        VolunteerName = e.GetString("VolunteerName") ?? "",
        DivisionId = e.GetString("DivisionId") ?? "",
        Status = StatusOf(e),
        Sequence = e.GetInt64("Sequence") ?? 0,
        SignedUpAt = e.GetDateTimeOffset("SignedUpAt") ?? default,
        PromotedAt = e.GetDateTimeOffset("PromotedAt"),
        CancelledAt = e.GetDateTimeOffset("CancelledAt"),
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
    };

    /// <summary>The <c>VolunteerSignUps</c> index row: PartitionKey the volunteer's Entra object id, RowKey the project id.</summary>
    public static TableEntity ToIndexEntity(SignUp s) => new(TableKeys.Escape(s.VolunteerAadObjectId), TableKeys.Escape(s.ProjectId))
    {
        ["ProjectId"] = s.ProjectId,
        ["Status"] = s.Status.ToString(),
        ["SignedUpAt"] = s.SignedUpAt,
    };

    /// <summary>A merge patch of the volunteer's name alone on a sign-up row (erasure).</summary>
    public static TableEntity NamePatch(string projectId, string aadObjectId, string name) =>
        new(TableKeys.Escape(projectId), RowOf(aadObjectId)) { ["VolunteerName"] = name };
}

using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Storage;

/// <summary>Maps the rows of <c>ServiceRecordConfirmations</c> (claims, the confirmation, each decided line) to table entities and back.</summary>
internal static class ServiceRecordConfirmationEntities
{
    public const string CardRow = "card";

    public const string NudgeRow = "nudge";

    public const string ConfirmedRow = "confirmed";

    public const string DecidedPrefix = "v-";

    /// <summary>A claim row (<see cref="CardRow"/> or <see cref="NudgeRow"/>), inserted once.</summary>
    public static TableEntity Claim(string projectId, string row, DateTimeOffset at) =>
        new(TableKeys.Escape(projectId), row) { ["At"] = at };

    public static TableEntity Confirmed(string projectId, Actor by, DateTimeOffset at) =>
        new(TableKeys.Escape(projectId), ConfirmedRow) { ["At"] = at, ["By"] = by.AadObjectId, ["ByName"] = by.Name };

    /// <summary>One volunteer's line decided; <paramref name="pk"/> is the escaped project id.</summary>
    public static TableEntity Decided(string pk, string volunteerAadObjectId, Actor by, DateTimeOffset at) =>
        new(pk, DecidedPrefix + TableKeys.Escape(volunteerAadObjectId)) { ["Volunteer"] = volunteerAadObjectId, ["At"] = at, ["By"] = by.AadObjectId, ["ByName"] = by.Name };

    /// <summary>The claim and confirmation rows of one project folded into what the store returns.</summary>
    public static ActivityConfirmation ToConfirmation(string projectId, IEnumerable<TableEntity> rows)
    {
        DateTimeOffset? card = null, nudge = null, confirmed = null;
        string? by = null;
        foreach (var e in rows)
        {
            switch (e.RowKey)
            {
                case CardRow: card = e.GetDateTimeOffset("At"); break;
                case NudgeRow: nudge = e.GetDateTimeOffset("At"); break;
                case ConfirmedRow: confirmed = e.GetDateTimeOffset("At"); by = e.GetString("ByName"); break;
            }
        }

        return new ActivityConfirmation(projectId, card, nudge, confirmed, by);
    }

    public static string? DecidedVolunteerOf(TableEntity e) => e.GetString("Volunteer");
}

using System.Globalization;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Team;

namespace VolunteerBot.Storage;

/// <summary>Maps volunteer profiles and division memberships to table entities and back; the profile row, the membership row keys and the language column that other stores copy.</summary>
internal static class VolunteerEntities
{
    public const string ProfileRow = "profile";

    /// <summary>
    /// A copy of the user's language choice on the profile row ("" = the default), so a turn learns role and
    /// language from one read (<see cref="TurnUserTableStore"/>). UserSettings stays the source; a profile
    /// without the column is filled on the next turn. Every replace of the row carries it over.
    /// </summary>
    public const string LanguageColumn = "Language";

    public const string MembershipPrefix = "m-";

    public const string DateFormat = "yyyy-MM-dd";

    public static string MembershipRow(DateOnly from, string divisionId) =>
        MembershipPrefix + from.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + TableKeys.Escape(divisionId);

    public static void CarryLanguage(TableEntity from, TableEntity to)
    {
        if (from.GetString(LanguageColumn) is { } language)
        {
            to[LanguageColumn] = language;
        }
    }

    public static TableEntity ToEntity(string pk, string rk, Volunteer v) => new(pk, rk)
    {
        ["AadObjectId"] = v.AadObjectId,
        ["Name"] = v.Name,
        ["DivisionId"] = v.DivisionId,
        ["IsPartyMember"] = v.IsPartyMember,
        ["Mobile"] = v.Mobile,
        ["NationalVolunteerId"] = v.NationalVolunteerId,
        ["PledgeAcceptedAt"] = v.PledgeAcceptedAt,
        ["PrivacyConsentAt"] = v.PrivacyConsentAt,
        ["RegisteredAt"] = v.RegisteredAt,
        ["UpdatedAt"] = v.UpdatedAt,
        ["Community"] = v.Community,
        ["CommunityReportedOn"] = v.CommunityReportedOn?.ToString(DateFormat, CultureInfo.InvariantCulture),
    };

    public static Volunteer ToVolunteer(TableEntity e) => new()
    {
        AadObjectId = e.GetString("AadObjectId") ?? e.PartitionKey,
        DivisionId = e.GetString("DivisionId") ?? "",
        Name = e.GetString("Name") ?? "",
        IsPartyMember = e.GetBoolean("IsPartyMember") ?? false,
        Mobile = e.GetString("Mobile"),
        NationalVolunteerId = e.GetString("NationalVolunteerId"),
        PledgeAcceptedAt = e.GetDateTimeOffset("PledgeAcceptedAt") ?? default,
        PrivacyConsentAt = e.GetDateTimeOffset("PrivacyConsentAt"),
        RegisteredAt = e.GetDateTimeOffset("RegisteredAt") ?? default,
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
        Community = e.GetString("Community"),
        CommunityReportedOn = ParseDate(e.GetString("CommunityReportedOn")),
    };

    public static DivisionMembership ToMembership(TableEntity e) =>
        new(e.GetString("DivisionId") ?? "", ParseDate(e.GetString("From")) ?? DateOnly.MinValue, ParseDate(e.GetString("Until")));

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Storage;

/// <summary>Maps a user's settings row (and the language copy on the profile row) to table entities and back.</summary>
internal static class UserSettingsEntities
{
    public const string WelcomedAtColumn = "WelcomedAt";

    public static UserSettings ToSettings(string aadObjectId, TableEntity e) =>
        new(aadObjectId, LanguageCodes.Parse(e.GetString(UserSettingsTableStore.LanguageColumn)), e.GetDateTimeOffset(WelcomedAtColumn));

    /// <summary>A merge patch of the language alone on the settings row; <paramref name="pk"/> is the escaped object id.</summary>
    public static TableEntity LanguagePatch(string pk, Language language) =>
        new(pk, UserSettingsTableStore.Row) { [UserSettingsTableStore.LanguageColumn] = language.Code() };

    /// <summary>A merge patch of the language copy on a registered user's profile row.</summary>
    public static TableEntity ProfileLanguagePatch(string pk, Language language) =>
        new(pk, VolunteerEntities.ProfileRow) { [VolunteerEntities.LanguageColumn] = language.Code() };

    public static TableEntity Welcomed(string aadObjectId, DateTimeOffset at) =>
        new(TableKeys.Escape(aadObjectId), UserSettingsTableStore.Row) { [WelcomedAtColumn] = at };

    public static DateTimeOffset? WelcomedAtOf(TableEntity e) => e.GetDateTimeOffset(WelcomedAtColumn);
}

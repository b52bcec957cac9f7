using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Storage;

/// <summary>
/// The acting user of a turn in one point read: the <c>Volunteers</c> profile row carries a copy of the language
/// choice (<see cref="VolunteerEntities.LanguageColumn"/>). Users without a profile (not registered, or the
/// committee from configuration) also read their <c>UserSettings</c> row. A profile written before the copy existed
/// is filled here once, with the profile's ETag, so a language change in between is never overwritten.
/// </summary>
public sealed class TurnUserTableStore(StorageAccount account) : ITurnUserStore
{
    private readonly TableClient _volunteers = account.Table(StorageNames.Volunteers);
    private readonly TableClient _settings = account.Table(StorageNames.UserSettings);

    public async Task<TurnUser> GetAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(aadObjectId);
        var profile = await _volunteers.GetEntityIfExistsAsync<TableEntity>(pk, VolunteerEntities.ProfileRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (profile.HasValue && profile.Value!.GetString(VolunteerEntities.LanguageColumn) is { } copied)
        {
            return new TurnUser(VolunteerEntities.ToVolunteer(profile.Value), LanguageCodes.Parse(copied));
        }

        var settings = await _settings.GetEntityIfExistsAsync<TableEntity>(pk, UserSettingsTableStore.Row, [UserSettingsTableStore.LanguageColumn], cancellationToken).ConfigureAwait(false);
        var chosen = settings.HasValue ? LanguageCodes.Parse(settings.Value!.GetString(UserSettingsTableStore.LanguageColumn)) : null;
        if (!profile.HasValue)
        {
            return new TurnUser(null, chosen);
        }

        try
        {
            var copy = new TableEntity(pk, VolunteerEntities.ProfileRow) { [VolunteerEntities.LanguageColumn] = chosen?.Code() ?? "" };
            await _volunteers.UpdateEntityAsync(copy, profile.Value!.ETag, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // The profile changed or went since the read: the next turn fills the copy.
        }

        return new TurnUser(VolunteerEntities.ToVolunteer(profile.Value!), chosen);
    }
}

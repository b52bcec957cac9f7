using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;
using static VolunteerBot.Storage.UserSettingsEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>UserSettings</c>: PartitionKey = Entra object id, RowKey "settings". The source of a user's language;
/// a registered user's profile row carries a copy, so a turn reads only the profile (<see cref="TurnUserTableStore"/>).
/// </summary>
public sealed class UserSettingsTableStore(StorageAccount account) : IUserSettingsStore
{
    internal const string Row = "settings";
    internal const string LanguageColumn = "Language";
    private readonly TableClient _table = account.Table(StorageNames.UserSettings);
    private readonly TableClient _volunteers = account.Table(StorageNames.Volunteers);

    public async Task<UserSettings?> GetAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(aadObjectId), Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        return ToSettings(aadObjectId, response.Value!);
    }

    public async Task SetLanguageAsync(string aadObjectId, Language language, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(aadObjectId);
        await _table.UpsertEntityAsync(LanguagePatch(pk, language), TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);

        // Then the copy on the profile row, if the user is registered (merge: the profile itself is untouched).
        try
        {
            await _volunteers.UpdateEntityAsync(ProfileLanguagePatch(pk, language), ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Not registered: the settings row alone holds the choice.
        }
    }

    public async Task<bool> TryMarkWelcomedAsync(string aadObjectId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        return await OptimisticConcurrency.RunAsync(async ct =>
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(aadObjectId), Row, cancellationToken: ct).ConfigureAwait(false);
            if (!existing.HasValue)
            {
                try
                {
                    await _table.AddEntityAsync(Welcomed(aadObjectId, at), ct).ConfigureAwait(false);
                    return true;
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    return false;
                }
            }

            if (WelcomedAtOf(existing.Value!) is not null)
            {
                return false;
            }

            await _table.UpdateEntityAsync(Welcomed(aadObjectId, at), existing.Value!.ETag, TableUpdateMode.Merge, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }
}

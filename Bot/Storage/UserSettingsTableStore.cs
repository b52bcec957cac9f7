using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;

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

        var e = response.Value!;
        return new UserSettings(aadObjectId, LanguageCodes.Parse(e.GetString(LanguageColumn)), e.GetDateTimeOffset("WelcomedAt"));
    }

    public async Task SetLanguageAsync(string aadObjectId, Language language, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(aadObjectId);
        await _table.UpsertEntityAsync(new TableEntity(pk, Row) { [LanguageColumn] = language.Code() }, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);

        // Then the copy on the profile row, if the user is registered (merge: the profile itself is untouched).
        try
        {
            var copy = new TableEntity(pk, VolunteerEntities.ProfileRow) { [VolunteerEntities.LanguageColumn] = language.Code() };
            await _volunteers.UpdateEntityAsync(copy, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
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
                    await _table.AddEntityAsync(new TableEntity(TableKeys.Escape(aadObjectId), Row) { ["WelcomedAt"] = at }, ct).ConfigureAwait(false);
                    return true;
                }
                catch (RequestFailedException ex) when (ex.Status == 409)
                {
                    return false;
                }
            }

            var entity = existing.Value!;
            if (entity.GetDateTimeOffset("WelcomedAt") is not null)
            {
                return false;
            }

            entity["WelcomedAt"] = at;
            await _table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Merge, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }
}

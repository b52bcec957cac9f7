using Azure;
using Azure.Data.Tables;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Storage;

/// <summary>Table <c>UserSettings</c>: PartitionKey = Entra object id, RowKey "settings". One point read per turn.</summary>
public sealed class UserSettingsTableStore(StorageAccount account) : IUserSettingsStore
{
    private const string Row = "settings";
    private readonly TableClient _table = account.Table(StorageNames.UserSettings);

    public async Task<UserSettings?> GetAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Escape(aadObjectId), Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var e = response.Value!;
        return new UserSettings(aadObjectId, LanguageCodes.Parse(e.GetString("Language")), e.GetDateTimeOffset("WelcomedAt"));
    }

    public Task SetLanguageAsync(string aadObjectId, Language language, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(aadObjectId), Row) { ["Language"] = language.Code() }, TableUpdateMode.Merge, cancellationToken);

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

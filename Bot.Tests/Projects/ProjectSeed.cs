using Azure.Data.Tables;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Projects;

/// <summary>
/// Writes divisions and volunteers for end-to-end tests in the Table layout of the stores on main, and stores each
/// user's personal conversation by sending an installationUpdate (so proactive messages can reach them).
/// The one place to adapt when the team branch changes those stores.
/// </summary>
internal static class ProjectSeed
{
    public static async Task DivisionAsync(BotFactory bot, string id, string name, params string[] liaisons)
    {
        var table = bot.Service<StorageAccount>().Table(StorageNames.Divisions);
        await table.UpsertEntityAsync(new TableEntity(DivisionTableStore.Partition, TableKeys.Escape(id))
        {
            ["Name"] = name,
            ["Liaisons"] = string.Join(',', liaisons),
        });
    }

    public static async Task VolunteerAsync(BotFactory bot, TestUser user, string divisionId, bool install = true)
    {
        var table = bot.Service<StorageAccount>().Table(StorageNames.Volunteers);
        await table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(divisionId), TableKeys.Escape(user.AadObjectId))
        {
            ["Name"] = user.Name,
            ["RegisteredAt"] = DateTimeOffset.UtcNow,
        });
        if (install)
        {
            await InstallAsync(bot, user);
        }
    }

    /// <summary>Stores the user's personal conversation reference (and triggers their one welcome message).</summary>
    public static async Task InstallAsync(BotFactory bot, TestUser user) =>
        await bot.SendAsync(TestActivities.InstallationUpdate(bot.Connector.Url, user));
}

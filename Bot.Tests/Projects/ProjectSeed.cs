using System.Globalization;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Projects;

/// <summary>
/// Seeds divisions and volunteers for end-to-end tests through the team feature's stores, and stores each user's
/// personal conversation by sending an installationUpdate (so proactive messages can reach them).
/// </summary>
internal static class ProjectSeed
{
    /// <summary>Creates a division with its liaisons; returns its id.</summary>
    public static async Task<string> DivisionAsync(BotFactory bot, string name, params string[] liaisons)
    {
        var divisions = bot.Service<IDivisionStore>();
        var created = await divisions.CreateAsync(name, DateTimeOffset.UtcNow, CancellationToken.None);
        var id = created.Division!.Id;
        foreach (var liaison in liaisons)
        {
            await divisions.AddLiaisonAsync(id, liaison, CancellationToken.None);
        }

        return id;
    }

    public static async Task VolunteerAsync(BotFactory bot, TestUser user, string divisionId, bool install = true)
    {
        await bot.Service<IVolunteerStore>().SaveAsync(new VolunteerProfile(user.AadObjectId, user.Name, divisionId, false, null, null),
            DateTimeOffset.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        if (install)
        {
            await InstallAsync(bot, user);
        }
    }

    /// <summary>Stores the user's personal conversation reference (and triggers their one welcome message).</summary>
    public static async Task InstallAsync(BotFactory bot, TestUser user) =>
        await bot.SendAsync(TestActivities.InstallationUpdate(bot.Connector.Url, user));

    /// <summary>
    /// The liaison files a branch project (敬老院志愿服务, 09:00–12:00 five days after <paramref name="now"/>) through
    /// the filing form; returns its id (the only filed project of the test's tables).
    /// </summary>
    public static async Task<string> FileAsync(BotFactory bot, TestUser liaison, string divisionId, DateTimeOffset now, int capacity)
    {
        await bot.ExecuteAsync(liaison, "project.file.submit", new Dictionary<string, string>
        {
            ["title"] = "敬老院志愿服务",
            ["category"] = "elderly-children",
            ["organiser"] = "branch",
            ["division"] = divisionId,
            ["startDate"] = now.AddHours(8).AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["startTime"] = "09:00",
            ["endTime"] = "12:00",
            ["place"] = "银川市兴庆区敬老院",
            ["capacity"] = capacity.ToString(CultureInfo.InvariantCulture),
            ["draftId"] = Guid.NewGuid().ToString("N"),
        });
        return (await bot.Service<IProjectStore>().ListByStatusAsync([ProjectStatus.Filed], CancellationToken.None)).Single().Id;
    }
}

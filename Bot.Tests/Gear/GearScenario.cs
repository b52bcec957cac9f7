using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Tests.Projects;

namespace VolunteerBot.Tests.Gear;

/// <summary>
/// A department through the real bot: two divisions, a liaison and a volunteer in each (registered in storage), and
/// helpers for projects. Used by the gear, training, photo and publicity end-to-end tests.
/// </summary>
public sealed class GearScenario : IAsyncDisposable
{
    private readonly CancellationToken _ct = CancellationToken.None;

    private GearScenario(FakeConnector connector, BotFactory bot)
    {
        Connector = connector;
        Bot = bot;
    }

    public FakeConnector Connector { get; }
    public BotFactory Bot { get; }
    public Division Energy { get; private set; } = null!;
    public Division Sme { get; private set; } = null!;
    public TestUser Liaison { get; } = TestUser.New("李强");
    public TestUser OtherLiaison { get; } = TestUser.New("赵敏");
    public TestUser Volunteer { get; } = TestUser.New("王芳");
    public TestUser Committee => TestUser.Committee;

    public static async Task<GearScenario> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var connector = await FakeConnector.StartAsync();
        var bot = new BotFactory(connector, settings);
        _ = bot.Server;
        var s = new GearScenario(connector, bot);
        await s.SeedAsync();
        return s;
    }

    private async Task SeedAsync()
    {
        var divisions = Bot.Service<IDivisionStore>();
        Energy = (await divisions.CreateAsync("节能与综合利用处", DateTimeOffset.UtcNow, _ct)).Division!;
        Sme = (await divisions.CreateAsync("中小企业处", DateTimeOffset.UtcNow, _ct)).Division!;
        await RegisterAsync(Liaison, Energy.Id);
        await RegisterAsync(Volunteer, Energy.Id);
        await RegisterAsync(OtherLiaison, Sme.Id);
        await divisions.AddLiaisonAsync(Energy.Id, Liaison.AadObjectId, _ct);
        await divisions.AddLiaisonAsync(Sme.Id, OtherLiaison.AadObjectId, _ct);
    }

    public Task RegisterAsync(TestUser user, string divisionId) =>
        Bot.Service<IVolunteerStore>().SaveAsync(new VolunteerProfile(user.AadObjectId, user.Name, divisionId, true, null, null),
            DateTimeOffset.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow), _ct);

    /// <summary>An open project of <paramref name="divisionId"/> starting at <paramref name="start"/> (3 hours long).</summary>
    public async Task<Project> ProjectAsync(string divisionId, DateTimeOffset start, string title = "工业节能宣传进企业")
    {
        var project = ProjectSamples.Make(start, ProjectStatus.Open, division: divisionId, filedAt: DateTimeOffset.UtcNow.AddDays(-1)) with { Title = title };
        await Bot.Service<IProjectStore>().CreateAsync(project, _ct);
        return project;
    }

    public Task<JsonObject?> ExecuteAsync(TestUser user, string verb, object? data = null) => Bot.ExecuteAsync(user, verb, data);

    /// <summary>Says something and returns the first card or text the bot sent back to that user's chat.</summary>
    public async Task<string> SayAsync(TestUser user, string text)
    {
        var before = Connector.Calls.Count;
        await Bot.SendAsync(TestActivities.Message(Connector.Url, user, text));
        var calls = await Connector.WaitForAsync(c => c.Skip(before).Any(x => x.Path.Contains(user.ConversationId, StringComparison.Ordinal)));
        return string.Join("\n", calls.Skip(before).Where(x => x.Path.Contains(user.ConversationId, StringComparison.Ordinal)).Select(x => x.CardText + x.Text));
    }

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

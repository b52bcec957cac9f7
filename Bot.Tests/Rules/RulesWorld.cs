using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Rules;

/// <summary>
/// The real bot on Azurite with one division (中小企业处), a volunteer (王芳) and a liaison (李强), for issue 18's
/// end-to-end tests; ended activities are made on demand and confirmed through the liaison's card.
/// </summary>
public sealed class RulesWorld : IAsyncDisposable
{
    private readonly CancellationToken _ct = CancellationToken.None;

    private RulesWorld(FakeConnector connector, BotFactory bot) => (Connector, Bot) = (connector, bot);

    public FakeConnector Connector { get; }
    public BotFactory Bot { get; }
    public TestUser Volunteer { get; } = TestUser.New("王芳");
    public TestUser Liaison { get; } = TestUser.New("李强");
    public Division Division { get; private set; } = null!;

    public DateTimeOffset Now => Bot.Time?.GetUtcNow() ?? DateTimeOffset.UtcNow;

    public static async Task<RulesWorld> StartAsync(IDictionary<string, string?>? settings = null, FakeTimeProvider? time = null)
    {
        var connector = await FakeConnector.StartAsync();
        var all = new Dictionary<string, string?>
        {
            ["Hours:ConfirmationSweep:Enabled"] = "false",
            ["Hours:CopyRepair:Enabled"] = "false",
            ["Gear:OverdueSweep:Enabled"] = "false",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            all[k] = v;
        }

        var world = new RulesWorld(connector, new BotFactory(connector, all, time));
        _ = world.Bot.Server;
        await world.SeedAsync();
        return world;
    }

    private async Task SeedAsync()
    {
        var now = Now;
        Division = (await Bot.Service<IDivisionStore>().CreateAsync("中小企业处", now, _ct)).Division!;
        await RegisterAsync(Volunteer, Division.Id);
        await RegisterAsync(Liaison, Division.Id);
        await Bot.Service<IDivisionStore>().AddLiaisonAsync(Division.Id, Liaison.AadObjectId, _ct);
    }

    public async Task RegisterAsync(TestUser user, string divisionId)
    {
        var now = Now;
        await Bot.Service<IVolunteerStore>().SaveAsync(new VolunteerProfile(user.AadObjectId, user.Name, divisionId, true, null, null), now,
            DateOnly.FromDateTime(now.UtcDateTime), _ct);
    }

    /// <summary>An activity of the division that ended a day ago, with <paramref name="volunteers"/> signed up.</summary>
    public async Task<Project> EndedActivityAsync(string title, params TestUser[] volunteers)
    {
        var start = Now.AddDays(-1);
        var project = new Project
        {
            Id = Project.NewId(start.Year), Title = title, CategoryId = "waste-sorting", Organiser = OrganiserType.Branch,
            Origin = ProjectOrigin.Applied, DivisionId = Division.Id, Start = start, End = start.AddHours(3), Place = "金凤区XX社区", Capacity = 30,
            Status = ProjectStatus.Open, FiledByAadObjectId = Liaison.AadObjectId, FiledByName = Liaison.Name, FiledAt = start.AddDays(-7),
        };
        await Bot.Service<IProjectStore>().CreateAsync(project, _ct);
        foreach (var v in volunteers)
        {
            await Bot.Service<ISignUpStore>().SignUpAsync(new SignUpRequest(project.Id, v.AadObjectId, v.Name, Division.Id, 30, start.AddDays(-3)), _ct);
        }

        return project;
    }

    /// <summary>The liaison confirms <paramref name="who"/> attended with these hours and quality, through the card.</summary>
    public Task<JsonObject?> ConfirmAsync(Project project, TestUser who, string hours, string quality = "Good", TestUser? by = null) =>
        ConfirmManyAsync(project, by ?? Liaison, quality, (who, hours));

    /// <summary>Confirms several people of one activity in one submission (everyone else on the card marked absent).</summary>
    public async Task<JsonObject?> ConfirmManyAsync(Project project, TestUser by, string quality, params (TestUser Who, string Hours)[] lines)
    {
        var opened = await Bot.ExecuteAsync(by, HoursVerbs.ActivityOpen, new { projectId = project.Id });
        var ids = opened!["actions"]![0]!["data"]!["ids"]!.GetValue<string>().Split(',');
        var data = new Dictionary<string, string> { ["projectId"] = project.Id, ["ids"] = string.Join(',', ids) };
        for (var i = 0; i < ids.Length; i++)
        {
            var line = lines.FirstOrDefault(l => l.Who.AadObjectId == ids[i]);
            data[HoursAdminCards.Attended(i)] = line.Who is null ? "false" : "true";
            data[HoursAdminCards.HoursOf(i)] = line.Hours ?? "1";
            data[HoursAdminCards.QualityOf(i)] = quality;
        }

        return await Bot.ExecuteAsync(by, HoursVerbs.ActivitySubmit, data);
    }

    public async Task<ServiceRecord?> RecordOfAsync(TestUser who, Project project)
    {
        var list = await Bot.Service<IServiceRecordStore>().ListByVolunteerAsync(who.AadObjectId, null, _ct);
        return list.SingleOrDefault(r => r.ProjectId == project.Id);
    }

    /// <summary>Opens the user's personal conversation with the bot (as Teams does on install), so proactive messages reach them.</summary>
    public Task InstallAsync(TestUser user) => Bot.SendAsync(TestActivities.InstallationUpdate(Connector.Url, user));

    public static string UrlOf(JsonObject? card) =>
        card!["actions"]!.AsArray().Select(a => a!["url"]?.GetValue<string>()).First(u => u is not null)!;

    public async ValueTask DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

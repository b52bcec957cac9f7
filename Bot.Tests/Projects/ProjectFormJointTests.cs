using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Tests.Infrastructure;
using W = VolunteerBot.Tests.Projects.ProjectWorld;

namespace VolunteerBot.Tests.Projects;

/// <summary>The filing form's 联合处室 list never offers the filing division itself (it would be dropped on submit).</summary>
public sealed class ProjectFormJointTests
{
    private const string Sme = "d-sme";
    private readonly W _w = new();

    public ProjectFormJointTests() =>
        _w.Divisions.Seed(new Division { Id = Sme, Name = "中小企业处", LiaisonAadObjectIds = [W.Liaison] });

    private ProjectFileHandler File => new(_w.Context);

    private Task<TurnResult> RunAsync(string verb, Dictionary<string, string> data, string user = W.LawLiaison, string name = "赵敏") =>
        File.HandleAsync(_w.Turn(user, name, verb, data), CancellationToken.None);

    private static JsonObject Input(JsonNode? card, string id) =>
        Assert.Single(Objects(card), o => o["id"] is JsonValue v && v.GetValue<string>() == id);

    private static IEnumerable<JsonObject> Objects(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.SelectMany(p => Objects(p.Value))],
        JsonArray a => a.SelectMany(Objects),
        _ => [],
    };

    private static List<string> ChoiceValues(JsonObject input) =>
        [.. input["choices"]!.AsArray().Select(c => c!["value"]!.GetValue<string>())];

    [Fact]
    public async Task FileOpen_LiaisonOfOneDivision_JointChoicesLeaveOutTheFilingDivision()
    {
        var result = await RunAsync("project.file.open", []);

        var joint = Input(result.CardUpdate, "joint");
        Assert.Equal([W.Energy, Sme], ChoiceValues(joint));
        Assert.Equal(W.Law, Input(result.CardUpdate, "division")["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task FileSubmit_ErrorWithFilingDivisionAmongJoint_ShownAgainWithoutIt()
    {
        var data = W.Filing();
        data["division"] = W.Law;
        data["joint"] = W.Law + "," + W.Energy;
        data["title"] = "";

        var result = await RunAsync("project.file.submit", data);

        var joint = Input(result.CardUpdate, "joint");
        Assert.DoesNotContain(W.Law, ChoiceValues(joint));
        Assert.Equal(W.Energy, joint["value"]!.GetValue<string>());
        Assert.Empty(_w.Projects.All);
    }

    [Fact]
    public async Task FileSubmit_FilingDivisionSentAsJoint_DroppedFromJoint()
    {
        var data = W.Filing();
        data["joint"] = W.Energy + "," + W.Law;

        await RunAsync("project.file.submit", data, W.Liaison, "李强");

        var project = Assert.Single(_w.Projects.All);
        Assert.Equal(W.Energy, project.DivisionId);
        Assert.Equal([W.Law], project.JointDivisionIds);
    }

    [Fact]
    public async Task FileOpen_LiaisonOfTwoDivisionsNotYetChosen_OffersEveryDivisionAsJoint()
    {
        var result = await RunAsync("project.file.open", [], W.Liaison, "李强");

        Assert.Null(Input(result.CardUpdate, "division")["value"]);
        Assert.Equal([W.Energy, W.Law, Sme], ChoiceValues(Input(result.CardUpdate, "joint")));
    }
}

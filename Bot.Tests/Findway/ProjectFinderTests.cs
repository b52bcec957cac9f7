using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Handlers.Projects;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Tests.Projects;
using W = VolunteerBot.Tests.Projects.ProjectWorld;

namespace VolunteerBot.Tests.Findway;

/// <summary>
/// Projects you can find: 500 projects in every state, paged (上一页/下一页 in place), filtered by category, open to me,
/// month and state, searched by words, the 即将开始 view, and every page under Teams' 28 KB card limit.
/// </summary>
public sealed class ProjectFinderTests
{
    private const int CardLimit = 28 * 1024;
    private static readonly string[] Categories = ["waste-sorting", "elderly-children", "civilised-traffic", "industrial-energy", "cybersecurity"];
    private static readonly string[] Places = ["金凤区长城中路社区", "兴庆区文化街", "西夏区工业园区", "贺兰县中心广场"];

    private readonly W _w = new();
    private readonly CancellationToken _ct = CancellationToken.None;

    private TurnRouter Router => new([new ProjectListHandler(_w.Context), new ProjectSearchHandler(_w.Context), new UpcomingProjectsHandler(_w.Context), new SignUpHandler(_w.Context)], new HelpHandler());

    private DateTimeOffset Now => _w.Time.GetUtcNow();

    /// <summary>500 projects: days −60…+100 around now, five categories, centralised and branch of both divisions, some filed or archived.</summary>
    private async Task SeedAsync(int count = 500, int titleLength = 0)
    {
        for (var i = 0; i < count; i++)
        {
            var start = Now.AddDays(-60 + (i * 160 / count)).AddHours(i % 5);
            var status = (i % 25) switch
            {
                0 => ProjectStatus.Filed,
                1 => ProjectStatus.Archived,
                _ => ProjectStatus.Open,
            };
            var p = ProjectSamples.Make(start, status, organiser: i % 3 == 0 ? OrganiserType.Centralised : OrganiserType.Branch,
                division: i % 2 == 0 ? W.Energy : W.Law, id: $"2025-{i:x8}") with
            {
                Title = titleLength > 0 ? new string('长', titleLength) + i : $"活动{i:D3} " + (i % 7 == 0 ? "垃圾分类宣传" : "志愿服务"),
                CategoryId = Categories[i % Categories.Length],
                Place = Places[i % Places.Length],
                Description = i % 11 == 0 ? "关爱空巢老人，上门陪伴" : "",
                Capacity = 10 + (i % 20),
            };
            await _w.Projects.CreateAsync(p, _ct);
        }
    }

    private async Task<JsonObject> ListAsync(string user, Dictionary<string, string>? data = null)
    {
        var result = await Router.RouteAsync(_w.Turn(user, "志愿者", ProjectListHandler.ListVerb, data ?? []), _ct);
        return result.CardUpdate!;
    }

    private static IEnumerable<string> ProjectIdsIn(JsonObject card) =>
        (card["body"] as JsonArray)!.OfType<JsonObject>()
            .Where(e => e["type"]?.GetValue<string>() == "Container")
            .Select(e => e["items"]!.AsArray().OfType<JsonObject>().Last()["actions"]![0]!["data"]!["projectId"]!.GetValue<string>());

    private static JsonObject? Button(JsonObject card, string title) =>
        (card["body"] as JsonArray)!.OfType<JsonObject>()
            .Where(e => e["type"]?.GetValue<string>() == "ActionSet")
            .SelectMany(e => e["actions"]!.AsArray().OfType<JsonObject>())
            .FirstOrDefault(a => a["title"]?.GetValue<string>() == title);

    private static Dictionary<string, string> DataOf(JsonObject action) =>
        action["data"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());

    private List<Project> Expected(Func<Project, bool> where) =>
        [.. _w.Projects.All.Where(p => p.Status is ProjectStatus.Open or ProjectStatus.InProgress or ProjectStatus.Completed).Where(where)];

    [Fact]
    public async Task List_NextUntilTheEnd_VisitsEveryOpenProjectOnceAndPreviousGoesBack()
    {
        await SeedAsync();
        var expected = Expected(p => p.AcceptsSignUps(Now) && p.IsOpenTo(W.Energy)).Select(p => p.Id).ToHashSet();
        Assert.True(expected.Count > 100);

        var seen = new List<string>();
        var card = await ListAsync("energy-0");
        var pages = 1;
        while (true)
        {
            seen.AddRange(ProjectIdsIn(card));
            Assert.True(card.ToJsonString().Length < CardLimit, $"page {pages}: {card.ToJsonString().Length} bytes");
            if (Button(card, "下一页") is not { } next)
            {
                break;
            }

            card = await ListAsync("energy-0", DataOf(next));
            pages++;
        }

        Assert.Equal(expected.Count, seen.Count);
        Assert.Equal(expected, seen.ToHashSet());
        Assert.Equal((expected.Count + ProjectFinder.PageSize - 1) / ProjectFinder.PageSize, pages);
        Assert.Contains($"第 {pages}/{pages} 页", CardText.Of(card), StringComparison.Ordinal);

        var back = await ListAsync("energy-0", DataOf(Button(card, "上一页")!));
        Assert.Contains($"第 {pages - 1}/{pages} 页", CardText.Of(back), StringComparison.Ordinal);
        Assert.DoesNotContain("报名上述活动后", CardText.Of(back), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_PagingButtons_KeepTheFilters()
    {
        await SeedAsync();
        var filters = new Dictionary<string, string> { ["category"] = "waste-sorting", ["scope"] = "all", ["state"] = "All", ["page"] = "0" };

        var first = await ListAsync("energy-0", filters);
        var next = DataOf(Button(first, "下一页")!);

        Assert.Equal("waste-sorting", next["category"]);
        Assert.Equal("all", next["scope"]);
        Assert.Equal("All", next["state"]);
        Assert.Equal("1", next["page"]);
        var second = await ListAsync("energy-0", next);
        Assert.All(ProjectIdsIn(second), id => Assert.Equal("waste-sorting", _w.Projects.All.Single(p => p.Id == id).CategoryId));
        // The refresh keeps the same view, so reopening the chat shows this page, not the first.
        Assert.Equal("1", second["refresh"]!["action"]!["data"]!["page"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("category", "cybersecurity")]
    [InlineData("scope", "all")]
    [InlineData("month", "2025-06")]
    [InlineData("state", "Completed")]
    [InlineData("state", "InProgress")]
    public async Task Find_OneFilter_ReturnsExactlyTheMatchingProjects(string key, string value)
    {
        await SeedAsync();
        var query = ProjectListCards.QueryOf(new Dialogs.Conversation.CardData(new Dictionary<string, string> { [key] = value }));
        bool Want(Project p) => key switch
        {
            "category" => p.CategoryId == value && p.IsOpenTo(W.Energy) && p.AcceptsSignUps(Now),
            "scope" => p.AcceptsSignUps(Now),
            "month" => ProjectFinder.MonthOf(p, ProjectSamples.Zone) == value && p.IsOpenTo(W.Energy) && p.AcceptsSignUps(Now),
            _ => p.StatusAt(Now).ToString() == value && p.IsOpenTo(W.Energy),
        };

        var all = new List<string>();
        for (var page = 0; ; page++)
        {
            var result = ProjectFinder.Find(_w.Projects.All, query with { Page = page }, W.Energy, Now, ProjectSamples.Zone, _ => []);
            all.AddRange(result.Items.Select(p => p.Id));
            if (page >= result.PageCount - 1)
            {
                break;
            }
        }

        var expected = Expected(Want).Select(p => p.Id).ToHashSet();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, all.ToHashSet());
        Assert.Equal(expected.Count, all.Count);
    }

    [Fact]
    public async Task List_ScopeAll_ShowsOtherDivisionsBranchProjectsAsNotOpenToYou()
    {
        await SeedAsync(40);

        var card = await ListAsync("energy-0", new() { ["scope"] = "all" });

        Assert.Contains(ProjectIdsIn(card), id => !_w.Projects.All.Single(p => p.Id == id).IsOpenTo(W.Energy));
        Assert.Contains("仅限承办处室报名", CardText.Of(card), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("搜索项目 垃圾分类", "title")]
    [InlineData("搜索项目 空巢老人", "description")]
    [InlineData("搜索项目 西夏区", "place")]
    [InlineData("搜索项目 政策法规处", "organiser")]
    [InlineData("搜索项目 西夏区 垃圾分类", "all words")]
    public async Task Search_Words_MatchTitleDescriptionPlaceAndOrganiser(string typed, string what)
    {
        await SeedAsync(120);
        var words = typed["搜索项目 ".Length..].Split(' ');
        var expected = Expected(p => p.IsOpenTo(W.Law) && words.All(w =>
            p.Title.Contains(w, StringComparison.Ordinal) || p.Description.Contains(w, StringComparison.Ordinal)
            || p.Place.Contains(w, StringComparison.Ordinal) || (w == "政策法规处" && p.AllDivisionIds.Contains(W.Law))));

        var result = await Router.RouteAsync(_w.Turn("law-0", "志愿者", text: typed), _ct);

        var card = result.Replies.Single().Card!;
        Assert.True(expected.Count > 0, what);
        Assert.Contains($"共 {expected.Count} 个", CardText.Of(card), StringComparison.Ordinal);
        Assert.All(ProjectIdsIn(card), id => Assert.Contains(expected, p => p.Id == id));
        Assert.Contains("搜索", CardText.Of(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NoWords_SaysHowToSearch()
    {
        var result = await Router.RouteAsync(_w.Turn("law-0", "志愿者", text: "搜索项目"), _ct);

        Assert.Contains("搜索项目 垃圾分类", result.Replies.Single().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upcoming_ShowsOnlyProjectsStartingWithinFourteenDaysShanghai()
    {
        await SeedAsync();
        var end = ProjectFinder.UpcomingEnd(Now, ProjectSamples.Zone);
        Assert.Equal(ProjectSamples.Local(2025, 5, 25, 0), end);

        var card = (await Router.RouteAsync(_w.Turn("energy-0", "志愿者", text: "即将开始"), _ct)).Replies.Single().Card!;

        var expected = Expected(p => p.IsOpenTo(W.Energy) && p.Start >= Now && p.Start < end);
        Assert.Contains($"共 {expected.Count} 个", CardText.Of(card), StringComparison.Ordinal);
        Assert.All(ProjectIdsIn(card), id => Assert.Contains(expected, p => p.Id == id));
    }

    [Fact]
    public async Task List_SignedUpProject_StaysInTheListMarkedAsYours()
    {
        await SeedAsync(30);
        var first = ProjectIdsIn(await ListAsync("energy-0")).First();
        await _w.SignUpAsync(_w.Projects.All.Single(p => p.Id == first), "energy-0");

        var card = await ListAsync("energy-0");

        Assert.Equal(first, ProjectIdsIn(card).First());
        Assert.Contains("✓ 已报名", CardText.Of(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiveHundredProjectsWithLongTitles_EveryViewStaysUnderTheCardLimit()
    {
        await SeedAsync(500, titleLength: 60);

        foreach (var data in new Dictionary<string, string>[]
        {
            new(), new() { ["scope"] = "all", ["state"] = "All" }, new() { ["state"] = "Completed", ["page"] = "3" }, new() { ["upcoming"] = "true" },
        })
        {
            var card = await ListAsync("energy-0", data);
            Assert.True(card.ToJsonString().Length < CardLimit, $"{card.ToJsonString().Length} bytes");
            Assert.Equal(ProjectFinder.PageSize, ProjectIdsIn(card).Count());
        }
    }
}

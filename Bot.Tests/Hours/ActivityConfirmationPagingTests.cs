using System.Text;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Handlers.Hours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Reminders;
using VolunteerBot.Tests.Infrastructure;
using Xunit.Abstractions;
using VolunteerBot.Jobs;

namespace VolunteerBot.Tests.Hours;

/// <summary>
/// The activity confirmation card for long sign-up lists: pages well under Teams' ~28 KB activity limit, page-by-page
/// confirmation through the HTTP pipeline, idempotent resubmits, and navigation that never drops or writes edits silently.
/// </summary>
public sealed class ActivityConfirmationPagingTests(ITestOutputHelper output) : IAsyncLifetime
{
    /// <summary>Teams rejects an outgoing activity (or invoke response) above about 28 KB.</summary>
    private const int TeamsLimitBytes = 28 * 1024;

    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly TestUser _liaison = TestUser.New("李强");
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;
    private string _division = "";

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, new Dictionary<string, string?> { ["Hours:ConfirmationSweep:Enabled"] = "false" });
        _ = _bot.Server;
        var now = DateTimeOffset.UtcNow;
        _division = (await _bot.Service<IDivisionStore>().CreateAsync("中小企业处", now, _ct)).Division!.Id;
        await _bot.Service<IVolunteerStore>().SaveAsync(new VolunteerProfile(_liaison.AadObjectId, "李强", _division, true, null, null), now, DateOnly.FromDateTime(now.UtcDateTime), _ct);
        await _bot.Service<IDivisionStore>().AddLiaisonAsync(_division, _liaison.AadObjectId, _ct);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task ConfirmPages_200SignUpsWithLongNames_EveryPageUnderLimitAndAll200ConfirmedExactlyOnce()
    {
        var (project, volunteers) = await ActivityAsync(200);
        var pages = ActivityConfirmationFlow.PageCount(200);
        Assert.True(pages > 1);

        // The sweep sends page 1 proactively: the whole outgoing activity must fit.
        await _bot.SendAsync(TestActivities.InstallationUpdate(_connector.Url, _liaison));
        Assert.Equal(1, (await _bot.Service<HoursConfirmationSweep>().RunOnceAsync(_ct)).CardsSent);
        var sent = (await _connector.WaitForAsync(c => c.Any(x => x.CardText.Contains("时长确认", StringComparison.Ordinal))))
            .Single(x => x.CardText.Contains("时长确认", StringComparison.Ordinal));
        var proactive = Encoding.UTF8.GetByteCount(sent.Body);
        Assert.True(proactive < TeamsLimitBytes * 2 / 3, $"the proactive activity with page 1 is {proactive} bytes");

        var (card, size) = await InvokeAsync(HoursVerbs.ActivityOpen, new Dictionary<string, string> { ["projectId"] = project.Id });
        var sizes = new List<int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var page = 0; page < pages; page++)
        {
            sizes.Add(size);
            var text = CardText.Of(card);
            Assert.Contains($"第 {page + 1} / {pages} 页", text, StringComparison.Ordinal);
            Assert.Contains($"已确认 {page * ActivityConfirmationFlow.PageSize} / 共 200 人", text, StringComparison.Ordinal);
            var submit = Submission(card!, HoursVerbs.ActivitySubmit);
            foreach (var id in submit["ids"].Split(','))
            {
                Assert.True(seen.Add(id), "a volunteer appears on two pages");
            }

            (card, size) = await InvokeAsync(HoursVerbs.ActivitySubmit, submit);
            if (page == 3)
            {
                // A double tap on the same page (a new activity id): nothing is written twice.
                var (again, _) = await InvokeAsync(HoursVerbs.ActivitySubmit, submit);
                Assert.Contains("未作修改", CardText.Of(again), StringComparison.Ordinal);
            }
        }

        sizes.Add(size);
        output.WriteLine($"page size {ActivityConfirmationFlow.PageSize}: proactive activity {proactive} bytes; invoke responses {string.Join(", ", sizes)} bytes");
        Assert.True(sizes.Max() < TeamsLimitBytes * 2 / 3, $"invoke responses per page (bytes): {string.Join(", ", sizes)}");
        Assert.Equal(200, seen.Count);
        var last = CardText.Of(card);
        Assert.Contains("已确认 200 / 共 200 人", last, StringComparison.Ordinal);
        Assert.Contains("全部人员已确认完毕", last, StringComparison.Ordinal);

        var store = _bot.Service<IServiceRecordStore>();
        var recordId = ServiceRecord.IdOf(_bot.Service<ActivityConfirmationFlow>().RecordDate(project), project.Id);
        var records = await Task.WhenAll(volunteers.Select(v => store.GetAsync(v, recordId, _ct)));
        var audits = await Task.WhenAll(volunteers.Select(v => store.ListAuditAsync(v, recordId, _ct)));
        Assert.All(records, r => Assert.Equal(RecordStatus.Confirmed, r!.Status));
        Assert.All(records, r => Assert.Equal(1, r!.Revision));
        Assert.All(audits, a => Assert.Single(a));
        Assert.NotNull((await _bot.Service<IServiceRecordConfirmationStore>().GetAsync(project.Id, _ct)).ConfirmedAt);
    }

    [Fact]
    public async Task NextPage_WithUnconfirmedEdit_StopsOnceKeepingValueThenMovesOnWithoutWriting()
    {
        var (project, volunteers) = await ActivityAsync(ActivityConfirmationFlow.PageSize + 2);
        var (card, _) = await InvokeAsync(HoursVerbs.ActivityOpen, new Dictionary<string, string> { ["projectId"] = project.Id });
        var next = Submission(card!, HoursVerbs.ActivityPage);
        next[HoursAdminCards.HoursOf(0)] = "5.5";

        var (warned, _) = await InvokeAsync(HoursVerbs.ActivityPage, next);
        var warnedText = CardText.Of(warned);
        Assert.Contains("本页的修改尚未保存", warnedText, StringComparison.Ordinal);
        Assert.Contains("第 1 / 2 页", warnedText, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"5.5\"", warnedText, StringComparison.Ordinal);

        var (moved, _) = await InvokeAsync(HoursVerbs.ActivityPage, Submission(warned!, HoursVerbs.ActivityPage));
        var movedText = CardText.Of(moved);
        Assert.Contains("第 2 / 2 页", movedText, StringComparison.Ordinal);
        Assert.Contains($"已确认 0 / 共 {ActivityConfirmationFlow.PageSize + 2} 人", movedText, StringComparison.Ordinal);
        var buttons = moved!["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList();
        Assert.Equal(["确认本页", "上一页"], buttons);
        var recordId = ServiceRecord.IdOf(_bot.Service<ActivityConfirmationFlow>().RecordDate(project), project.Id);
        Assert.Null(await _bot.Service<IServiceRecordStore>().GetAsync(volunteers[0], recordId, _ct));
    }

    [Fact]
    public async Task OpenCard_OnePageOfSignUps_SingleConfirmAllWithoutPaging()
    {
        var (project, _) = await ActivityAsync(ActivityConfirmationFlow.PageSize);
        var (card, _) = await InvokeAsync(HoursVerbs.ActivityOpen, new Dictionary<string, string> { ["projectId"] = project.Id });

        var text = CardText.Of(card);
        Assert.Contains("全部确认", text, StringComparison.Ordinal);
        Assert.Contains($"已确认 0 / 共 {ActivityConfirmationFlow.PageSize} 人", text, StringComparison.Ordinal);
        Assert.DoesNotContain("第 1 /", text, StringComparison.Ordinal);
        Assert.Equal("全部确认", Assert.Single(card!["actions"]!.AsArray())!["title"]!.GetValue<string>());
    }

    private async Task<(JsonObject? Card, int Bytes)> InvokeAsync(string verb, Dictionary<string, string> data)
    {
        var (status, body) = await _bot.SendAsync(TestActivities.Invoke(_connector.Url, _liaison, verb, data));
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        // Default System.Text.Json escaping writes each Chinese character as \uXXXX (6 bytes, not 3): an upper bound.
        return (body?["value"] as JsonObject, Encoding.UTF8.GetByteCount(body!.ToJsonString()));
    }

    /// <summary>What Teams sends for an Action.Execute: the action's data plus every input's current value.</summary>
    private static Dictionary<string, string> Submission(JsonObject card, string verb)
    {
        var action = card["actions"]!.AsArray().Single(a => a!["verb"]!.GetValue<string>() == verb)!;
        var data = action["data"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
        foreach (var input in Inputs(card["body"]))
        {
            data[input["id"]!.GetValue<string>()] = input["value"]?.ToString() is { } v ? v : "";
        }

        return data;
    }

    private static IEnumerable<JsonObject> Inputs(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array.SelectMany(Inputs))
                {
                    yield return item;
                }

                break;
            case JsonObject obj:
                if (obj["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal) && obj["id"] is not null)
                {
                    yield return obj;
                }

                foreach (var child in obj.Where(kv => kv.Value is JsonArray or JsonObject).SelectMany(kv => Inputs(kv.Value)))
                {
                    yield return child;
                }

                break;
        }
    }

    private async Task<(Project Project, IReadOnlyList<string> Volunteers)> ActivityAsync(int count)
    {
        var now = DateTimeOffset.UtcNow;
        var start = now.AddDays(-1);
        var project = new Project
        {
            Id = Project.NewId(start.Year), Title = "“学雷锋”志愿服务月·银川市金凤区社区垃圾分类宣传进万家主题活动", CategoryId = "waste-sorting",
            Organiser = OrganiserType.Branch, Origin = ProjectOrigin.Applied, DivisionId = _division, Start = start, End = start.AddHours(3),
            Place = "金凤区XX社区", Capacity = count, Status = ProjectStatus.Open, FiledByAadObjectId = _liaison.AadObjectId, FiledByName = "李强",
            FiledAt = start.AddDays(-7), DeclarationNumber = "SB-200",
        };
        await _bot.Service<IProjectStore>().CreateAsync(project, _ct);
        // Long names, as the limit is about bytes: ethnic-minority names with separators run to 20 characters and more.
        var volunteers = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString()).ToList();
        var signUps = _bot.Service<ISignUpStore>();
        for (var i = 0; i < count; i++)
        {
            // One after another: every sign-up moves the activity's seat counter (ETag), so parallel ones would only retry.
            await signUps.SignUpAsync(new SignUpRequest(project.Id, volunteers[i], $"阿不都热合曼·买买提依明·欧阳娜仁其其格{i:D3}", _division, count, start.AddDays(-3)), _ct);
        }
        return (project, volunteers);
    }
}

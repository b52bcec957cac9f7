using System.Net;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Reminders;

/// <summary>Through the real pipeline: the committee asks for the digest, forces a run, and a volunteer gets the reminder.</summary>
public sealed class ReminderEndToEndTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, new Dictionary<string, string?> { ["Reminders:Sending:IdlePoll"] = "00:00:00.200" });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Digest_Committee_GetsChineseDigestCard()
    {
        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "季度简报"));

        var call = Assert.Single(await _connector.WaitForCountAsync(1));
        Assert.Contains("季度简报", call.CardText, StringComparison.Ordinal);
        Assert.Contains("注册志愿者", call.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunReminders_Committee_VolunteerWithoutHoursGetsPersonalReminderOnce()
    {
        var division = (await _bot.Service<IDivisionStore>().CreateAsync("政策法规处", DateTimeOffset.UtcNow, CancellationToken.None)).Division!;
        var volunteer = TestUser.New("刘洋");
        await _bot.Service<IVolunteerStore>().SaveAsync(new VolunteerProfile(volunteer.AadObjectId, volunteer.Name, division.Id, false, null, null),
            DateTimeOffset.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
        await _bot.SendAsync(TestActivities.InstallationUpdate(_connector.Url, volunteer));
        await _bot.SendAsync(TestActivities.InstallationUpdate(_connector.Url, TestUser.Committee));
        await _connector.WaitForCountAsync(2); // the two welcome cards

        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "立即提醒"));

        var calls = await _connector.WaitForAsync(c =>
            c.Any(x => x.Path.Contains(volunteer.ConversationId, StringComparison.Ordinal) && x.CardText.Contains("志愿服务提醒", StringComparison.Ordinal))
            && c.Any(x => x.Path.Contains(TestUser.Committee.ConversationId, StringComparison.Ordinal) && x.CardText.Contains("季度简报", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60));
        Assert.Contains(calls, c => c.Text?.Contains("已开始发送本次提醒", StringComparison.Ordinal) == true);
        Assert.Single(calls, c => c.CardText.Contains("志愿服务提醒", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "提醒进度"));
        var status = await _connector.WaitForAsync(c => c.Any(x => x.CardText.Contains("提醒进度", StringComparison.Ordinal)));
        Assert.Contains("收件人数", status.Last(x => x.CardText.Contains("提醒进度", StringComparison.Ordinal)).CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_WithProjects_CountsGoingAheadActivitiesAndFilingsInsteadOfNoData()
    {
        var now = DateTimeOffset.UtcNow;
        var division = (await _bot.Service<IDivisionStore>().CreateAsync("法制处", now, CancellationToken.None)).Division!;
        var year = ProjectCalendar.LocalDate(now, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).Year;
        Project Make(string title, ProjectStatus status) => new()
        {
            Id = Project.NewId(year), Title = title, CategoryId = "community", Organiser = OrganiserType.Branch, Origin = ProjectOrigin.Applied,
            DivisionId = division.Id, Start = now.AddMinutes(-30), End = now.AddMinutes(30), Place = "兴庆区XX社区", Capacity = 20, Status = status,
            FiledByAadObjectId = TestUser.Committee.AadObjectId, FiledByName = "委员会", FiledAt = now.AddMinutes(-60),
        };
        var projects = _bot.Service<IProjectStore>();
        await projects.CreateAsync(Make("社区普法宣传", ProjectStatus.Approved), CancellationToken.None);
        await projects.CreateAsync(Make("待审核的报备", ProjectStatus.Filed), CancellationToken.None);
        await projects.CreateAsync(Make("已取消的活动", ProjectStatus.Cancelled), CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "季度简报"));

        var card = JsonNode.Parse(Assert.Single(await _connector.WaitForCountAsync(1)).CardText)!;
        var facts = Facts(card);
        Assert.Equal("✅ 1", facts["本季度活动数"]); // the cancelled and the filed one do not count
        Assert.Equal("1", facts["待审核的项目报备"]);
        Assert.Equal("1", facts["已审核但未填申报编号的项目"]);
        Assert.DoesNotContain("暂无数据", facts.Values);
    }

    private static Dictionary<string, string> Facts(JsonNode node)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    if (o["title"] is JsonValue t && o["value"] is JsonValue v && t.TryGetValue<string>(out var title) && v.TryGetValue<string>(out var value))
                    {
                        found.TryAdd(title, value);
                    }

                    foreach (var (_, child) in o)
                    {
                        Walk(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Walk(child);
                    }

                    break;
            }
        }

        Walk(node);
        return found;
    }
}

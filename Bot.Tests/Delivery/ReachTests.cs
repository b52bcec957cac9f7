using System.Net;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Channel;

namespace VolunteerBot.Tests.Delivery;

/// <summary>
/// Reaching staff who never opened the bot (the 1:1 chat is created from the roster's Teams id), and not reaching
/// those who left. Through the real pipeline on Azurite; the fake connector stands where Teams would.
/// </summary>
public sealed class ReachTests : IAsyncLifetime
{
    private const string TeamId = "19:dept-team@thread.tacv2";
    private readonly CancellationToken _ct = CancellationToken.None;
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;
    private Division _division = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, new Dictionary<string, string?> { ["Reminders:Sending:IdlePoll"] = "00:00:00.200" });
        _ = _bot.Server;
        _division = (await _bot.Service<IDivisionStore>().CreateAsync("政策法规处", DateTimeOffset.UtcNow, _ct)).Division!;
        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "你好"));
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private static string TeamsId(TestUser u) => "29:" + u.AadObjectId;

    private void Members(params TestUser[] users)
    {
        _connector.Members.Clear();
        foreach (var u in users)
        {
            _connector.Members.Add(new JsonObject { ["id"] = TeamsId(u), ["name"] = u.Name, ["aadObjectId"] = u.AadObjectId });
        }

        _connector.Members.Add(new JsonObject { ["id"] = TestActivities.BotId, ["name"] = "学雷锋志愿服务" });
    }

    /// <summary>
    /// The bot is in the team (a channel activity stores the team's conversation), then the committee chooses the team
    /// in 导入名册 in the personal chat, which reads the team's members.
    /// </summary>
    private async Task<string> ImportAsync()
    {
        var message = TestActivities.Base("message", _connector.Url, TestUser.Committee, "channel", o =>
        {
            o["text"] = "<at>学雷锋志愿服务</at> 帮助";
            o["conversation"]!["id"] = TeamId + ";messageid=" + Guid.NewGuid().ToString("N");
            o["channelData"] = new JsonObject
            {
                ["tenant"] = new JsonObject { ["id"] = BotFactory.TenantId },
                ["team"] = new JsonObject { ["id"] = TeamId, ["name"] = "工业和信息化厅" },
                ["channel"] = new JsonObject { ["id"] = TeamId },
            };
        });
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(message)).Status);
        var card = await _bot.ExecuteAsync(TestUser.Committee, VolunteerBot.Dialogs.Cards.TeamVerbs.StaffImport,
            new Dictionary<string, string> { [VolunteerBot.Dialogs.Cards.TeamStaffCards.TeamKey] = TeamId });
        var text = CardText.Of(card);
        Assert.Contains("导入", text, StringComparison.Ordinal);
        return text;
    }

    /// <summary>Registered by the committee (a paper form): a volunteer who never opened the bot.</summary>
    private async Task RegisterAsync(TestUser u) =>
        await _bot.Service<IVolunteerStore>().SaveAsync(new VolunteerProfile(u.AadObjectId, u.Name, _division.Id, false, null, null),
            DateTimeOffset.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow), _ct);

    private static bool CreateFor(ConnectorCall c, TestUser u) =>
        c.Method == "POST" && c.Path.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal)
        && c.Json?["members"]?[0]?["id"]?.GetValue<string>() == TeamsId(u);

    private static bool ReminderTo(ConnectorCall c, TestUser u) =>
        c.Path == $"/v3/conversations/a:created-29-{u.AadObjectId}/activities" && c.CardText.Contains("志愿服务提醒", StringComparison.Ordinal);

    [Fact]
    public async Task QuarterlyReminder_StaffImportedNeverOpenedBot_ChatCreatedThenReminderSent()
    {
        var never = TestUser.New("周杰");
        Members(never, TestUser.Committee);
        await ImportAsync();
        await RegisterAsync(never);
        var staff = await _bot.Service<IStaffStore>().GetAsync(never.AadObjectId, _ct);
        Assert.Equal(TeamsId(never), staff!.TeamsUserId);
        Assert.Equal(BotFactory.TenantId, staff.TenantId);
        Assert.Equal(TeamId, staff.TeamId);
        Assert.Null(await _bot.Service<IConversationReferenceStore>().GetPersonalAsync(never.AadObjectId, _ct));

        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "立即提醒"));

        var calls = await _connector.WaitForAsync(c => c.Any(x => ReminderTo(x, never)), TimeSpan.FromSeconds(60));
        var create = calls.ToList().FindIndex(x => CreateFor(x, never));
        var send = calls.ToList().FindIndex(x => ReminderTo(x, never));
        Assert.InRange(create, 0, send - 1); // the create, then the send
        var body = calls[create].Json!;
        Assert.Equal(BotFactory.TenantId, body["tenantId"]?.GetValue<string>());
        Assert.Equal(TestActivities.BotId, body["bot"]?["id"]?.GetValue<string>());
        var stored = await _bot.Service<IConversationReferenceStore>().GetPersonalAsync(never.AadObjectId, _ct);
        Assert.Equal("a:created-29-" + never.AadObjectId, stored!.ConversationId);
    }

    [Fact]
    public async Task QuarterlyReminder_CreateRefused_MarkedUnreachableAndStatusSaysWhatToDo()
    {
        var blocked = TestUser.New("吴刚");
        var unknown = TestUser.New("郑爽");
        Members(blocked, unknown, TestUser.Committee);
        await ImportAsync();
        await RegisterAsync(blocked);
        await RegisterAsync(unknown);
        _connector.CreateRefusals[TeamsId(blocked)] = 403;
        _connector.CreateRefusals[TeamsId(unknown)] = 404;

        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "立即提醒"));
        await _connector.WaitForAsync(c => c.Any(x => CreateFor(x, blocked)) && c.Any(x => CreateFor(x, unknown)), TimeSpan.FromSeconds(60));

        var staff = _bot.Service<IStaffStore>();
        var b = await Reminders.ReminderCrashResumeTests.WaitAsync(() => staff.GetAsync(blocked.AadObjectId, _ct), r => r?.UnreachableReason is not null, TimeSpan.FromSeconds(30));
        var u = await Reminders.ReminderCrashResumeTests.WaitAsync(() => staff.GetAsync(unknown.AadObjectId, _ct), r => r?.UnreachableReason is not null, TimeSpan.FromSeconds(30));
        Assert.Contains("403", b!.UnreachableReason, StringComparison.Ordinal);
        Assert.Contains("404", u!.UnreachableReason, StringComparison.Ordinal);
        await Reminders.ReminderCrashResumeTests.WaitAsync(() => _bot.Service<Dialogs.Domain.Reminders.IReminderRuns>().GetAsync(null, _ct), s => s is { Pending: 0, FanOutDone: true }, TimeSpan.FromSeconds(60));

        var before = _connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "提醒进度"));
        var status = (await _connector.WaitForAsync(c => c.Skip(before).Any(x => x.CardText.Contains("提醒进度", StringComparison.Ordinal))))
            .Skip(before).Last(x => x.CardText.Contains("提醒进度", StringComparison.Ordinal)).CardText;
        Assert.Contains("其中 1 人未安装本应用或已将其屏蔽：请为其安装本应用", status, StringComparison.Ordinal);
        Assert.Contains("其中 1 人不在已导入的团队中", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReImport_MemberGone_MarkedLeft_GetsNothingAndLeavesDigestDenominator()
    {
        var stays = TestUser.New("王芳");
        var leaves = TestUser.New("陈明");
        Members(stays, leaves, TestUser.Committee);
        await ImportAsync();
        await RegisterAsync(stays);
        await RegisterAsync(leaves);

        Members(stays, TestUser.Committee);
        var card = await ImportAsync();

        var gone = await _bot.Service<IStaffStore>().GetAsync(leaves.AadObjectId, _ct);
        Assert.NotNull(gone!.LeftAt);
        Assert.False(gone.IsActive);
        Assert.True((await _bot.Service<IStaffStore>().GetAsync(stays.AadObjectId, _ct))!.IsActive);
        Assert.Contains("已离开", card, StringComparison.Ordinal);
        Assert.NotNull(await _bot.Service<IVolunteerStore>().GetAsync(leaves.AadObjectId, _ct)); // their records stay

        // The digest counts one registered volunteer, not two.
        var before = _connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "季度简报"));
        var digest = (await _connector.WaitForAsync(c => c.Skip(before).Any(x => x.CardText.Contains("季度简报", StringComparison.Ordinal))))
            .Skip(before).Last(x => x.CardText.Contains("季度简报", StringComparison.Ordinal));
        Assert.Contains("\"title\":\"注册志愿者\",\"value\":\"1\"", digest.CardText, StringComparison.Ordinal);

        // A reminder run reaches the one who stays (chat created) and nothing goes to the leaver.
        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "立即提醒"));
        await _connector.WaitForAsync(c => c.Any(x => ReminderTo(x, stays)), TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(_connector.Calls, x => CreateFor(x, leaves) || x.Path.Contains(leaves.AadObjectId, StringComparison.Ordinal));

        // A turn's notification to the leaver is not sent either.
        var outbox = _bot.Service<VolunteerBot.Delivery.NotificationOutbox>();
        await outbox.EnqueueAsync([Dialogs.Conversation.Notification.Fixed(leaves.AadObjectId, Dialogs.Conversation.OutgoingMessage.Of("离开者不应收到"), "leaver-test")], [], _ct);
        await outbox.EnqueueAsync([Dialogs.Conversation.Notification.Fixed(stays.AadObjectId, Dialogs.Conversation.OutgoingMessage.Of("在职者收到"), "stayer-test")], [], _ct);
        await _connector.WaitForAsync(c => c.Any(x => x.Text == "在职者收到"));
        var row = await Reminders.ReminderCrashResumeTests.WaitAsync(
            () => _bot.Service<VolunteerBot.Storage.Delivery.ReminderDeliveryStore>().GetAsync(VolunteerBot.Delivery.DeliveryTargets.RunIdFor("leaver-test"), leaves.AadObjectId, _ct),
            r => r is { IsFinal: true }, TimeSpan.FromSeconds(30));
        Assert.Equal(Dialogs.Domain.Reminders.DeliveryStatus.Unreachable, row!.Status);
        Assert.Equal(VolunteerBot.Delivery.ProactiveMessenger.LeftReason, row.Reason);
        Assert.DoesNotContain(_connector.Calls, x => x.Text == "离开者不应收到");
    }

    [Fact]
    public async Task QuarterlyReminder_AppNotInstalled_GraphInstallsThenChatCreatedAndSent()
    {
        await using var graph = await FakeGraph.StartAsync();
        var credential = new StaticTokenCredential("graph-token");
        var notInstalled = TestUser.New("孙悦");
        var bot = new BotFactory(_connector, new Dictionary<string, string?>
        {
            ["Storage:TablePrefix"] = _bot.Prefix,
            ["Reminders:Sending:IdlePoll"] = "00:00:00.200",
            ["Graph:ProactiveInstall"] = "true",
            ["Graph:TeamsAppId"] = "catalog-app-1",
            ["Graph:BaseUrl"] = graph.BaseUrl,
        })
        {
            Replace = s => s.AddSingleton(new VolunteerBot.Storage.Delivery.GraphCredential(credential)),
        };
        await _bot.DisposeAsync(); // one bot process on this storage
        _bot = bot;
        Members(notInstalled, TestUser.Committee);
        await ImportAsync();
        await RegisterAsync(notInstalled);
        _connector.CreateRefusals[TeamsId(notInstalled)] = 403;
        graph.OnInstalled = user => _connector.CreateRefusals.TryRemove(TeamsId(new TestUser(user, "")), out _); // Teams knows the app now

        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(TestUser.Committee, "立即提醒"));

        var calls = await _connector.WaitForAsync(c => c.Any(x => ReminderTo(x, notInstalled)), TimeSpan.FromSeconds(60));
        Assert.Equal(2, calls.Count(x => CreateFor(x, notInstalled))); // refused, then (after the install) created
        var install = Assert.Single(graph.Calls);
        Assert.Equal($"POST /v1.0/users/{notInstalled.AadObjectId}/teamwork/installedApps", install.Path);
        Assert.Equal("Bearer graph-token", install.Authorization);
        Assert.Contains("appCatalogs/teamsApps/catalog-app-1", install.Body, StringComparison.Ordinal);
        Assert.Null((await _bot.Service<IStaffStore>().GetAsync(notInstalled.AadObjectId, _ct))!.UnreachableReason);
    }
}

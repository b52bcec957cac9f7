using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Dialogs.Cards;

namespace VolunteerBot.Tests.Trust;

public sealed class PersonalOnlyFixture : IAsyncLifetime
{
    public FakeConnector Connector { get; private set; } = null!;

    public BotFactory Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Connector = await FakeConnector.StartAsync();
        Bot = new BotFactory(Connector);
        await Bot.SayAsync(TestUser.Committee, "你好");
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
    }
}

/// <summary>
/// Personal and division data stay in the personal chat: in a group chat or channel every such command or card verb
/// answers with a pointer card whose button opens the personal chat with the bot, and the handler does not run.
/// </summary>
public sealed class PersonalOnlyTests(PersonalOnlyFixture fixture) : IClassFixture<PersonalOnlyFixture>
{
    private const string GroupConversation = "19:group@thread.v2";

    /// <summary>One command per kind of personal or division data the issue names.</summary>
    [Theory]
    [InlineData("我的资料", "groupChat")]          // profile
    [InlineData("我的志愿记录", "groupChat")]      // record and points
    [InlineData("积分兑换", "channel")]           // points of others
    [InlineData("志愿服务证明", "groupChat")]      // certificates
    [InlineData("导出记录", "channel")]           // exports
    [InlineData("本处室名册", "groupChat")]        // rosters
    [InlineData("待确认时长", "channel")]          // pending confirmations
    [InlineData("归还装备", "groupChat")]          // gear loans
    [InlineData("my profile", "channel")]
    [InlineData("注册", "groupChat")]             // the registration form carries the mobile number and volunteer id
    public async Task Message_PersonalDataCommandInGroup_AnswersPointerToPersonalChat(string command, string conversationType)
    {
        var activity = TestActivities.Message(fixture.Connector.Url, TestUser.Committee, $"<at>学雷锋志愿服务</at> {command}", conversationType);
        activity["id"] = Guid.NewGuid().ToString();
        var before = fixture.Connector.Calls.Count;

        var (status, _) = await fixture.Bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        var replies = (await fixture.Connector.WaitForCountAsync(before + 1)).Skip(before).ToList();
        AssertPointer(string.Join('\n', replies.Select(c => c.CardText)));
    }

    [Theory]
    [InlineData("profile.show")]
    [InlineData("record.show")]
    [InlineData("export.open")]
    public async Task Invoke_PersonalDataVerbInGroup_ReplacesCardWithPointer(string verbName)
    {
        var verb = VerbOf(verbName);
        var activity = TestActivities.Invoke(fixture.Connector.Url, TestUser.Committee, verb);
        activity["conversation"]!["conversationType"] = "groupChat";
        activity["conversation"]!["id"] = GroupConversation;

        var (status, body) = await fixture.Bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        AssertPointer(CardText.Of(body?["value"]));
    }

    [Fact]
    public async Task Message_ProfileInPersonalChat_RunsTheHandler()
    {
        var before = fixture.Connector.Calls.Count;

        await fixture.Bot.SayAsync(TestUser.Committee, "我的资料");

        var reply = (await fixture.Connector.WaitForCountAsync(before + 1)).Skip(before).First();
        Assert.DoesNotContain("打开私聊", reply.CardText, StringComparison.Ordinal);
    }

    /// <summary>Every route that shows personal or division data carries the flag (new handlers must too: see README).</summary>
    [Theory]
    [InlineData("我的资料")]
    [InlineData("我的志愿记录")]
    [InlineData("志愿服务证明")]
    [InlineData("导出记录")]
    [InlineData("本处室名册")]
    [InlineData("待确认时长")]
    [InlineData("归还装备")]
    [InlineData("装备库存")]
    [InlineData("积分兑换")]
    [InlineData("优秀志愿者")]
    [InlineData("我的报名")]
    [InlineData("我的培训")]
    [InlineData("培训记录")]
    [InlineData("意见建议")]
    [InlineData("邀请注册")]
    [InlineData("任命联络员")]
    [InlineData("季度简报")]
    [InlineData("待审核项目")]
    [InlineData("我的项目")]
    [InlineData("照片档案")]
    [InlineData("领取装备")]
    [InlineData("社区报到")]
    public void Routes_PersonalOrDivisionData_ArePersonalOnly(string command)
    {
        var router = fixture.Bot.Service<TurnRouter>();

        var handler = router.Handlers.Single(h => h.Route.Commands.Contains(command));

        Assert.True(handler.Route.IsPersonalOnly, $"{handler.GetType().Name} ({command}) must be Route.For(...).PersonalOnly()");
    }

    [Fact]
    public void Routes_PublicLists_StayAvailableInGroups()
    {
        var router = fixture.Bot.Service<TurnRouter>();

        Assert.False(router.Handlers.Single(h => h.Route.Commands.Contains("项目列表")).Route.IsPersonalOnly);
        Assert.False(router.Handlers.Single(h => h.Route.Commands.Contains("帮助")).Route.IsPersonalOnly);
    }

    private static string VerbOf(string name) => name switch
    {
        "profile.show" => Dialogs.Cards.TeamVerbs.ProfileShow,
        "record.show" => Dialogs.Cards.HoursVerbs.RecordShow,
        _ => Dialogs.Cards.HoursVerbs.ExportOpen,
    };

    private static void AssertPointer(string card)
    {
        Assert.Contains("请在与助手的私聊中查看", card, StringComparison.Ordinal);
        Assert.Contains("https://teams.microsoft.com/l/chat/0/0?users=28:00000000-0000-0000-0000-00000000b075", card, StringComparison.Ordinal);
        Assert.Contains("Action.OpenUrl", card, StringComparison.Ordinal);
    }
}

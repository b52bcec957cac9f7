using VolunteerBot.Channel;
using System.Net;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.EndToEnd;

public sealed class WelcomeTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task InstallationUpdate_NewUser_StoresReferenceAndSendsChineseWelcomeOnce()
    {
        var user = TestUser.New("王芳");

        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(TestActivities.InstallationUpdate(_connector.Url, user))).Status);
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(TestActivities.InstallationUpdate(_connector.Url, user))).Status);

        var reference = await _bot.Service<IConversationReferenceStore>().GetPersonalAsync(user.AadObjectId, CancellationToken.None);
        Assert.NotNull(reference);
        Assert.Equal(user.ConversationId, reference.ConversationId);
        Assert.Equal(_connector.Url, reference.ServiceUrl);

        var calls = await _connector.WaitForCountAsync(1);
        var welcome = Assert.Single(calls);
        Assert.Equal($"/v3/conversations/{user.ConversationId}/activities", welcome.Path);
        Assert.Contains("欢迎使用学雷锋志愿服务助手", welcome.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallationUpdate_WithoutUserName_GreetsWithoutDanglingComma()
    {
        // Teams and the Agents Playground send installationUpdate with no from.name.
        var user = TestUser.New("刘洋");
        var activity = TestActivities.InstallationUpdate(_connector.Url, user);
        activity["from"]!.AsObject().Remove("name");

        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(activity)).Status);

        var welcome = Assert.Single(await _connector.WaitForCountAsync(1));
        Assert.Contains("您好！欢迎使用学雷锋志愿服务助手", welcome.CardText, StringComparison.Ordinal);
        Assert.DoesNotContain("，您好", welcome.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Message_Hello_RepliesWithWelcomeCardInChineseDespiteEnglishLocale()
    {
        var user = TestUser.New("李强");

        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(user, "你好"));

        var call = Assert.Single(await _connector.WaitForCountAsync(1));
        Assert.Contains("李强，您好", call.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnknownVerb_Answers200WithHelpCardBody()
    {
        var user = TestUser.New("赵敏");

        var card = await _bot.ExecuteAsync(user, "no.such.verb");

        Assert.NotNull(card);
        Assert.Equal("AdaptiveCard", card["type"]!.GetValue<string>());
        Assert.Contains("可用命令", CardText.Of(card), StringComparison.Ordinal);
    }
}

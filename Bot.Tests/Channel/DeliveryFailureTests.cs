using System.Net;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Channel;

/// <summary>A reply that cannot be delivered must not turn the user's turn into a 500 (Teams would redeliver it).</summary>
public sealed class DeliveryFailureTests : IAsyncLifetime
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
    public async Task Message_ReplyRejectedByConnector_StillAnswers200()
    {
        _connector.Inject(400, body: """{"error":{"code":"BadArgument","message":"nope"}}""");

        var status = await _bot.SayAsync(TestUser.New("钱进"), "你好");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(await _connector.WaitForCountAsync(1));
    }

    [Fact]
    public async Task Message_UserBlockedTheBot_StillAnswers200()
    {
        _connector.Inject(403, body: """{"error":{"code":"MessageWritesBlocked","message":"blocked"}}""");

        var status = await _bot.SayAsync(TestUser.New("吴芳"), "你好");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(await _connector.WaitForCountAsync(1));
    }
}

using System.Net;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Channel;

/// <summary>
/// Signing keys rotate: a token naming a key published after the bot read the metadata triggers one refresh.
/// Its own bot, because the metadata manager allows one immediate refresh and then throttles to one per 5 minutes.
/// </summary>
public sealed class KeyRotationTests : IAsyncLifetime
{
    private readonly TestSigningKey _first = new("key-first", "msteams");
    private TestOpenIdServer _openId = null!;
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _openId = await TestOpenIdServer.StartAsync(_first);
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, new Dictionary<string, string?>
        {
            ["Bot:AllowLocalUnauthenticated"] = "false",
            ["Bot:AppId"] = AuthFixture.AppId,
            ["Bot:OpenIdMetadataUrl"] = _openId.MetadataUrl,
            ["Bot:TenantId"] = BotFactory.TenantId,
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _openId.DisposeAsync();
        _first.Dispose();
    }

    [Fact]
    public async Task Post_TokenSignedWithKeyPublishedAfterFirstFetch_RefreshesKeysOnceAndAnswers200()
    {
        var remote = IPAddress.Parse("52.112.0.11");
        var first = TestOpenIdServer.Mint(_first, AuthFixture.AppId, AuthFixture.ServiceUrl);
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(Message(), "Bearer " + first, remote)).Status);
        Assert.Equal(1, _openId.KeyFetches);
        using var rotated = new TestSigningKey("key-rotated", "msteams");
        _openId.Publish(rotated);
        var token = TestOpenIdServer.Mint(rotated, AuthFixture.AppId, AuthFixture.ServiceUrl);

        var (status, _) = await _bot.SendAsync(Message(), "Bearer " + token, remote);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, _openId.KeyFetches);
    }

    [Fact]
    public async Task Post_TokenWithoutKeyId_RejectedWithoutRefetchingKeys()
    {
        var remote = IPAddress.Parse("52.112.0.11");
        var first = TestOpenIdServer.Mint(_first, AuthFixture.AppId, AuthFixture.ServiceUrl);
        Assert.Equal(HttpStatusCode.OK, (await _bot.SendAsync(Message(), "Bearer " + first, remote)).Status);
        using var stranger = new TestSigningKey("", "msteams");
        var noKid = TestOpenIdServer.Mint(stranger, AuthFixture.AppId, AuthFixture.ServiceUrl, kid: "");

        var (status, _) = await _bot.SendAsync(Message(), "Bearer " + noKid, remote);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(1, _openId.KeyFetches);
    }

    private static System.Text.Json.Nodes.JsonObject Message() =>
        TestActivities.Message(AuthFixture.ServiceUrl, TestUser.New("韩梅"), "你好");
}

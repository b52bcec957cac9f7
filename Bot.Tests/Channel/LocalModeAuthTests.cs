using System.Net;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Channel;

/// <summary>Bot__AllowLocalUnauthenticated=true: token-less requests only from loopback with a loopback serviceUrl.</summary>
public sealed class LocalModeAuthTests : IAsyncLifetime
{
    private readonly TestSigningKey _key = new("key-local", "msteams");
    private TestOpenIdServer _openId = null!;
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _openId = await TestOpenIdServer.StartAsync(_key);
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, new Dictionary<string, string?>
        {
            ["Bot:AllowLocalUnauthenticated"] = "true",
            ["Bot:OpenIdMetadataUrl"] = _openId.MetadataUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
        await _openId.DisposeAsync();
        _key.Dispose();
    }

    [Fact]
    public async Task Post_NoTokenFromLoopbackWithLoopbackServiceUrl_AcceptedAndAnsweredWithoutToken()
    {
        var user = TestUser.New("刘洋");

        var (status, _) = await _bot.SendAsync(TestActivities.Message(_connector.Url, user, "你好"), null, IPAddress.Loopback);

        Assert.Equal(HttpStatusCode.OK, status);
        var reply = Assert.Single(await _connector.WaitForCountAsync(1));
        Assert.Null(reply.Authorization);
    }

    [Fact]
    public async Task Post_NoTokenFromIpv6Loopback_Accepted()
    {
        var (status, _) = await _bot.SendAsync(TestActivities.Message(_connector.Url, TestUser.New("孙丽"), "你好"), null, IPAddress.IPv6Loopback);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Post_NoTokenWithNonLoopbackServiceUrl_Answers401()
    {
        var activity = TestActivities.Message("https://smba.trafficmanager.net/amer/", TestUser.New("何伟"), "你好");

        var (status, _) = await _bot.SendAsync(activity, null, IPAddress.Loopback);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Post_NoTokenFromNonLoopbackRemote_Answers401()
    {
        var activity = TestActivities.Message(_connector.Url, TestUser.New("郭静"), "你好");

        var (status, _) = await _bot.SendAsync(activity, null, IPAddress.Parse("10.1.2.3"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Post_BadTokenFromLoopback_Answers401BecauseATokenIsAlwaysValidated()
    {
        var activity = TestActivities.Message(_connector.Url, TestUser.New("马超"), "你好");
        var wrongAudience = TestOpenIdServer.Mint(_key, "11111111-2222-3333-4444-555555555555", _connector.Url);

        var (status, _) = await _bot.SendAsync(activity, "Bearer " + wrongAudience, IPAddress.Loopback);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:3978")]
    [InlineData("127.0.0.1.nip.io")]
    public async Task Post_NoTokenWithForeignHostHeader_Answers401(string host)
    {
        var json = TestActivities.Message(_connector.Url, TestUser.New("韩梅"), "你好").ToJsonString();

        var status = await _bot.SendStreamAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), host: host);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(_connector.Calls);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("")]
    public async Task Post_NoTokenWithNonJsonContentType_Answers401(string contentType)
    {
        var json = TestActivities.Message(_connector.Url, TestUser.New("李雷"), "你好").ToJsonString();

        var status = await _bot.SendStreamAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)), contentType: contentType);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(_connector.Calls);
    }

    [Fact]
    public async Task Post_NoTokenJsonWithCharsetFromLocalhost_Answers200()
    {
        var json = TestActivities.Message(_connector.Url, TestUser.New("吴敏"), "你好").ToJsonString();

        var status = await _bot.SendStreamAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)),
            contentType: "application/json; charset=utf-8", host: "127.0.0.1:3978");

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Post_ValidTokenInLocalMode_Answers200()
    {
        var activity = TestActivities.Message(_connector.Url, TestUser.New("高原"), "你好");
        var token = TestOpenIdServer.Mint(_key, "00000000-0000-0000-0000-00000000b075", _connector.Url);

        var (status, _) = await _bot.SendAsync(activity, "Bearer " + token, IPAddress.Parse("10.1.2.3"));

        Assert.Equal(HttpStatusCode.OK, status);
    }
}

/// <summary>A normal start (defaults, no local mode, real metadata URL never reached) refuses a token-less POST.</summary>
public sealed class NormalStartAuthTests : IAsyncLifetime
{
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, new Dictionary<string, string?> { ["Bot:AllowLocalUnauthenticated"] = null });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    [Fact]
    public async Task Post_WithoutTokenOnNormalStart_Answers401()
    {
        var activity = TestActivities.Message(_connector.Url, TestUser.New("冯刚"), "你好");

        var (status, body) = await _bot.SendAsync(activity, null, IPAddress.Loopback);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Null(body);
        Assert.Empty(_connector.Calls);
    }
}

/// <summary>Local unauthenticated mode outside Development: the app refuses to start and says why.</summary>
public sealed class LocalModeOutsideDevelopmentTests
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Start_LocalModeOutsideDevelopment_RefusesWithReason(string environment)
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotFactory(connector, new Dictionary<string, string?>
        {
            ["Bot:AllowLocalUnauthenticated"] = "true",
            ["Bot:TenantId"] = BotFactory.TenantId,
            ["Links:PublicBaseUrl"] = "https://example.invalid",
        })
        { Environment = environment };

        var error = Assert.ThrowsAny<Exception>(() => bot.Server);

        Assert.Contains("AllowLocalUnauthenticated", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Development", error.ToString(), StringComparison.Ordinal);
    }
}

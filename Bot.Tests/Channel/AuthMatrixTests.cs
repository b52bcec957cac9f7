using System.Net;
using System.Text.Json.Nodes;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Channel;

/// <summary>
/// One bot started normally (not local mode) whose OpenID metadata comes from a loopback server, shared by
/// the inbound token tests.
/// </summary>
public sealed class AuthFixture : IAsyncLifetime
{
    public const string AppId = "00000000-0000-0000-0000-00000000b075";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    public TestSigningKey TeamsKey { get; } = new("key-teams", "msteams", "webchat");

    public TestSigningKey WebChatOnlyKey { get; } = new("key-webchat", "webchat");

    /// <summary>Never published: signs "wrong signature" tokens under the Teams key's kid.</summary>
    public TestSigningKey StrangerKey { get; } = new("key-stranger", "msteams");

    public TestOpenIdServer OpenId { get; private set; } = null!;

    public FakeConnector Connector { get; private set; } = null!;

    public BotFactory Bot { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        OpenId = await TestOpenIdServer.StartAsync(TeamsKey, WebChatOnlyKey);
        Connector = await FakeConnector.StartAsync();
        Bot = new BotFactory(Connector, new Dictionary<string, string?>
        {
            ["Bot:AllowLocalUnauthenticated"] = "false",
            ["Bot:AppId"] = AppId,
            ["Bot:OpenIdMetadataUrl"] = OpenId.MetadataUrl,
        });
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        await OpenId.DisposeAsync();
        TeamsKey.Dispose();
        WebChatOnlyKey.Dispose();
        StrangerKey.Dispose();
    }
}

public sealed class AuthMatrixTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    private static readonly IPAddress Remote = IPAddress.Parse("52.112.0.10");

    public enum BadToken
    {
        WrongSignature,
        WrongIssuer,
        WrongAudience,
        Expired,
        NotYetValid,
        ServiceUrlMismatch,
        KeyNotEndorsedForChannel,
        MissingHeader,
        WrongScheme,
        Garbage,
        PlaygroundDummyToken,
    }

    public static TheoryData<BadToken, bool> BadTokens()
    {
        var data = new TheoryData<BadToken, bool>();
        foreach (var bad in Enum.GetValues<BadToken>())
        {
            data.Add(bad, false);
            data.Add(bad, true);
        }

        return data;
    }

    [Fact]
    public async Task Post_ValidToken_Answers200()
    {
        var (status, _) = await fixture.Bot.SendAsync(Message(), Bearer(Token()), Remote);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Post_ValidTokenFromLoopback_Answers200()
    {
        var (status, _) = await fixture.Bot.SendAsync(Message(), Bearer(Token()), IPAddress.Loopback);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Post_ExpiredWithinFiveMinuteSkew_Answers200()
    {
        var now = DateTime.UtcNow;
        var token = TestOpenIdServer.Mint(fixture.TeamsKey, AuthFixture.AppId, AuthFixture.ServiceUrl, notBefore: now.AddMinutes(-30), expires: now.AddMinutes(-3));

        var (status, _) = await fixture.Bot.SendAsync(Message(), Bearer(token), Remote);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Post_ServiceUrlClaimWithoutTrailingSlash_Answers200()
    {
        var token = TestOpenIdServer.Mint(fixture.TeamsKey, AuthFixture.AppId, AuthFixture.ServiceUrl.TrimEnd('/'));

        var (status, _) = await fixture.Bot.SendAsync(Message(), Bearer(token), Remote);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Post_WebChatOnlyKeyOnWebChatChannel_Answers200()
    {
        var activity = Message();
        activity["channelId"] = "webchat";
        var token = TestOpenIdServer.Mint(fixture.WebChatOnlyKey, AuthFixture.AppId, AuthFixture.ServiceUrl);

        var (status, _) = await fixture.Bot.SendAsync(activity, Bearer(token), Remote);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task Post_BadOrMissingToken_Answers401WithoutBody(BadToken bad, bool fromLoopback)
    {
        var now = DateTime.UtcNow;
        var appId = AuthFixture.AppId;
        var url = AuthFixture.ServiceUrl;
        string? authorization = bad switch
        {
            BadToken.WrongSignature => Bearer(TestOpenIdServer.Mint(fixture.StrangerKey, appId, url, kid: fixture.TeamsKey.Kid)),
            BadToken.WrongIssuer => Bearer(TestOpenIdServer.Mint(fixture.TeamsKey, appId, url, issuer: "https://sts.windows.net/evil/")),
            BadToken.WrongAudience => Bearer(TestOpenIdServer.Mint(fixture.TeamsKey, "11111111-2222-3333-4444-555555555555", url)),
            BadToken.Expired => Bearer(TestOpenIdServer.Mint(fixture.TeamsKey, appId, url, notBefore: now.AddHours(-2), expires: now.AddMinutes(-6))),
            BadToken.NotYetValid => Bearer(TestOpenIdServer.Mint(fixture.TeamsKey, appId, url, notBefore: now.AddMinutes(6), expires: now.AddHours(1))),
            BadToken.ServiceUrlMismatch => Bearer(TestOpenIdServer.Mint(fixture.TeamsKey, appId, "https://smba.trafficmanager.net/emea/")),
            BadToken.KeyNotEndorsedForChannel => Bearer(TestOpenIdServer.Mint(fixture.WebChatOnlyKey, appId, url)),
            BadToken.MissingHeader => null,
            BadToken.WrongScheme => "Basic " + Token(),
            BadToken.Garbage => "Bearer not-a-jwt",
            BadToken.PlaygroundDummyToken => "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzZXJ2aWNldXJsIjoiaHR0cDovL2xvY2FsaG9zdDo1NjE1MC9fY29ubmVjdG9yLyIsImlhdCI6MTc5NTkyODUyM30.T9GRtu5W8rvGyFvxk7E3AY2eSnPjv-nbjU_LuMcEN_E",
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };

        var (status, body) = await fixture.Bot.SendAsync(Message(), authorization, fromLoopback ? IPAddress.Loopback : Remote);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Null(body);
    }

    [Fact]
    public async Task Post_LoopbackServiceUrlWithoutTokenFromLoopback_Answers401WhenNotLocalMode()
    {
        var activity = TestActivities.Message(fixture.Connector.Url, TestUser.New("周杰"), "你好");

        var (status, _) = await fixture.Bot.SendAsync(activity, null, IPAddress.Loopback);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.DoesNotContain(fixture.Connector.Calls, c => c.Body.Contains("周杰", StringComparison.Ordinal));
    }

    private string Token() => TestOpenIdServer.Mint(fixture.TeamsKey, AuthFixture.AppId, AuthFixture.ServiceUrl);

    private static string Bearer(string token) => "Bearer " + token;

    private static JsonObject Message() => TestActivities.Message(AuthFixture.ServiceUrl, TestUser.New("陈静"), "你好");
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VolunteerBot.Channel;
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

    public TestSigningKey DirectLineKey { get; } = new("key-directline", "directline");

    /// <summary>Never published: signs "wrong signature" tokens under the Teams key's kid.</summary>
    public TestSigningKey StrangerKey { get; } = new("key-stranger", "msteams");

    public TestOpenIdServer OpenId { get; private set; } = null!;

    public FakeConnector Connector { get; private set; } = null!;

    public BotFactory Bot { get; private set; } = null!;

    public RecordingLoggerProvider Log { get; } = new();

    public async Task InitializeAsync()
    {
        OpenId = await TestOpenIdServer.StartAsync(TeamsKey, WebChatOnlyKey, DirectLineKey);
        Connector = await FakeConnector.StartAsync();
        Bot = new BotFactory(Connector, new Dictionary<string, string?>
        {
            ["Bot:AllowLocalUnauthenticated"] = "false",
            ["Bot:AppId"] = AppId,
            ["Bot:OpenIdMetadataUrl"] = OpenId.MetadataUrl,
            ["Bot:TenantId"] = BotFactory.TenantId,
        })
        {
            Replace = s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Log),
        };
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Connector.DisposeAsync();
        await OpenId.DisposeAsync();
        TeamsKey.Dispose();
        WebChatOnlyKey.Dispose();
        DirectLineKey.Dispose();
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

    public enum Refusal
    {
        WebChatChannel,
        DirectLineChannel,
        EmptyChannel,
        MissingAadObjectId,
        MissingTenant,
        ForeignConversationTenant,
        ForeignChannelDataTenant,
    }

    /// <summary>
    /// A correctly signed token from another Bot Framework channel, or a Teams-shaped activity without a user object id
    /// or from another tenant: 403, empty body, one log line naming why, and the bot never answers it.
    /// </summary>
    [Theory]
    [InlineData(Refusal.WebChatChannel)]
    [InlineData(Refusal.DirectLineChannel)]
    [InlineData(Refusal.EmptyChannel)]
    [InlineData(Refusal.MissingAadObjectId)]
    [InlineData(Refusal.MissingTenant)]
    [InlineData(Refusal.ForeignConversationTenant)]
    [InlineData(Refusal.ForeignChannelDataTenant)]
    public async Task Post_NotTeamsOrNotOurTenant_Answers403WithOneLogLine(Refusal refusal)
    {
        var name = "拒绝" + Guid.NewGuid().ToString("N")[..6];
        var activity = TestActivities.Message(AuthFixture.ServiceUrl, TestUser.Committee with { Name = name }, "导出记录");
        var key = fixture.TeamsKey;
        switch (refusal)
        {
            case Refusal.WebChatChannel:
                activity["channelId"] = "webchat";
                key = fixture.WebChatOnlyKey;
                break;
            case Refusal.DirectLineChannel:
                activity["channelId"] = "directline";
                key = fixture.DirectLineKey;
                break;
            case Refusal.EmptyChannel:
                activity["channelId"] = "";
                break;
            case Refusal.MissingAadObjectId:
                activity["from"]!.AsObject().Remove("aadObjectId");
                break;
            case Refusal.MissingTenant:
                activity["conversation"]!.AsObject().Remove("tenantId");
                activity.Remove("channelData");
                break;
            case Refusal.ForeignConversationTenant:
                activity["conversation"]!["tenantId"] = "99999999-0000-4000-8000-00000000beef";
                activity.Remove("channelData");
                break;
            case Refusal.ForeignChannelDataTenant:
                activity["channelData"]!["tenant"]!["id"] = "99999999-0000-4000-8000-00000000beef";
                break;
        }

        var before = fixture.Log.Entries.Count(e => e.EventId == 1100);
        var (status, body) = await fixture.Bot.SendAsync(activity, Bearer(TestOpenIdServer.Mint(key, AuthFixture.AppId, AuthFixture.ServiceUrl)), Remote);

        Assert.True(status is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized, $"{refusal}: {status}");
        Assert.Null(body);
        Assert.Equal(before + 1, fixture.Log.Entries.Count(e => e.EventId == 1100));
        Assert.DoesNotContain(fixture.Connector.Calls, c => c.Body.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_WebChatOnlyKeyOnWebChatChannel_Answers403()
    {
        var activity = Message();
        activity["channelId"] = "webchat";
        var token = TestOpenIdServer.Mint(fixture.WebChatOnlyKey, AuthFixture.AppId, AuthFixture.ServiceUrl);

        var (status, body) = await fixture.Bot.SendAsync(activity, Bearer(token), Remote);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Null(body);
    }

    [Fact]
    public async Task Post_TenantOnlyInChannelData_Answers200()
    {
        var activity = Message();
        activity["conversation"]!.AsObject().Remove("tenantId");

        var (status, _) = await fixture.Bot.SendAsync(activity, Bearer(Token()), Remote);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>A bad token is refused from the header alone: the body (here not even JSON) is never parsed.</summary>
    [Fact]
    public async Task Post_BadTokenWithGarbageBody_Answers401NotBadRequest()
    {
        var status = await fixture.Bot.SendRawAsync(Encoding.UTF8.GetBytes("{not json"), "Bearer not-a-jwt", Remote);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Post_NoTokenWithGarbageBody_Answers401NotBadRequest()
    {
        var status = await fixture.Bot.SendRawAsync(Encoding.UTF8.GetBytes("{not json"), null, Remote);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    /// <summary>A chunked body (no Content-Length) is cut off at the cap while it is read, not read to its end.</summary>
    [Fact]
    public async Task Post_ChunkedBodyOverCap_Answers413AndStopsReading()
    {
        var endless = new EndlessJsonStream();

        var status = await fixture.Bot.SendStreamAsync(endless, Bearer(Token()), Remote);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        // The test server pipes the request ahead of the reader; what matters is that reading stopped near the cap.
        Assert.InRange(endless.Served, MessagesEndpoint.MaxBodyBytes, MessagesEndpoint.MaxBodyBytes * 2);
    }

    [Fact]
    public async Task Post_DeclaredLengthOverCap_Answers413()
    {
        var status = await fixture.Bot.SendRawAsync(new byte[MessagesEndpoint.MaxBodyBytes + 1], Bearer(Token()), Remote);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
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

/// <summary>A request body with no end: a JSON string that never closes. Counts what the server read.</summary>
public sealed class EndlessJsonStream : Stream
{
    private static readonly byte[] Head = Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"");

    public long Served { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => Served; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var at = Served + i;
            buffer[offset + i] = at < Head.Length ? Head[at] : (byte)'a';
        }

        Served += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

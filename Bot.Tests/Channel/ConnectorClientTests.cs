using System.Globalization;
using System.Text.Json.Nodes;
using VolunteerBot.Channel.Connector;
using VolunteerBot.Channel.Schema;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Channel;

public sealed class ConnectorClientTests : IAsyncLifetime
{
    private const string Conversation = "a:personal-1";
    private FakeConnector _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeConnector.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task SendToConversation_AllowListedUrl_LandsAtPathWithBearerToken()
    {
        using var harness = new ConnectorHarness();

        var response = await harness.Client.SendToConversationAsync(_fake.Url, Conversation, Text("您好"), CancellationToken.None);

        var call = Assert.Single(_fake.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/v3/conversations/a:personal-1/activities", call.Path);
        Assert.Equal("Bearer " + ConnectorHarness.Token, call.Authorization);
        Assert.Equal("您好", call.Text);
        Assert.False(string.IsNullOrEmpty(response.Id));
    }

    [Fact]
    public async Task ReplyToActivity_ChannelThread_PostsToActivityPath()
    {
        using var harness = new ConnectorHarness();

        await harness.Client.ReplyToActivityAsync(_fake.Url, "19:abc@thread.tacv2;messageid=42", "42", Text("收到"), CancellationToken.None);

        var call = Assert.Single(_fake.Calls);
        Assert.Equal("POST", call.Method);
        Assert.Equal("/v3/conversations/19:abc@thread.tacv2;messageid=42/activities/42", call.Path);
    }

    [Fact]
    public async Task UpdateActivity_PutsToActivityPath()
    {
        using var harness = new ConnectorHarness();

        await harness.Client.UpdateActivityAsync(_fake.Url, Conversation, "card-7", Text("已更新"), CancellationToken.None);

        var call = Assert.Single(_fake.Calls);
        Assert.Equal("PUT", call.Method);
        Assert.Equal("/v3/conversations/a:personal-1/activities/card-7", call.Path);
        Assert.Equal("Bearer " + ConnectorHarness.Token, call.Authorization);
    }

    [Fact]
    public async Task CreateConversation_WithTenant_SendsTenantInBodyAndChannelData()
    {
        using var harness = new ConnectorHarness();
        var parameters = new ConversationParameters
        {
            Bot = new ChannelAccount { Id = "28:bot" },
            Members = [new ChannelAccount { Id = "29:user" }],
            TenantId = "tenant-1",
        };

        var created = await harness.Client.CreateConversationAsync(_fake.Url, parameters, CancellationToken.None);

        var call = Assert.Single(_fake.Calls);
        Assert.Equal("/v3/conversations", call.Path);
        Assert.Equal("tenant-1", call.Json!["tenantId"]!.GetValue<string>());
        Assert.Equal("tenant-1", call.Json!["channelData"]!["tenant"]!["id"]!.GetValue<string>());
        Assert.StartsWith("a:created-", created.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateConversation_WithoutTenant_ThrowsBeforeAnyCall()
    {
        using var harness = new ConnectorHarness();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            harness.Client.CreateConversationAsync(_fake.Url, new ConversationParameters { Members = [new ChannelAccount { Id = "29:u" }] }, CancellationToken.None));

        Assert.Empty(_fake.Calls);
    }

    [Fact]
    public async Task Send_429WithRetryAfterSeconds_WaitsThatLongThenSucceeds()
    {
        using var harness = new ConnectorHarness();
        _fake.Inject(429, retryAfter: "2");

        await harness.Client.SendToConversationAsync(_fake.Url, Conversation, Text("重试"), CancellationToken.None);

        Assert.Equal(2, _fake.Calls.Count);
        Assert.Equal([TimeSpan.FromSeconds(2)], harness.Delay.Waits);
    }

    [Fact]
    public async Task Send_429WithRetryAfterHttpDate_WaitsUntilThatTime()
    {
        using var harness = new ConnectorHarness();
        var until = harness.Time.GetUtcNow().AddSeconds(3).ToString("R", CultureInfo.InvariantCulture);
        _fake.Inject(429, retryAfter: until);

        await harness.Client.SendToConversationAsync(_fake.Url, Conversation, Text("重试"), CancellationToken.None);

        Assert.Equal(2, _fake.Calls.Count);
        Assert.Equal([TimeSpan.FromSeconds(3)], harness.Delay.Waits);
    }

    [Fact]
    public async Task Send_429WithHugeRetryAfter_WaitIsCapped()
    {
        using var harness = new ConnectorHarness();
        _fake.Inject(429, retryAfter: "3600");

        await harness.Client.SendToConversationAsync(_fake.Url, Conversation, Text("重试"), CancellationToken.None);

        Assert.Equal([ConnectorRetry.MaxRetryAfter], harness.Delay.Waits);
    }

    [Fact]
    public async Task Send_500Twice_RetriedWithGrowingJitteredBackoffThenSucceeds()
    {
        using var harness = new ConnectorHarness();
        _fake.Inject(500, count: 2);

        await harness.Client.SendToConversationAsync(_fake.Url, Conversation, Text("重试"), CancellationToken.None);

        Assert.Equal(3, _fake.Calls.Count);
        var waits = harness.Delay.Waits.ToArray();
        Assert.Equal(2, waits.Length);
        Assert.InRange(waits[0], TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500));
        Assert.InRange(waits[1], TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(1000));
    }

    [Fact]
    public async Task Send_500Always_GivesUpAfterBoundWithConnectorException()
    {
        using var harness = new ConnectorHarness();
        _fake.Inject(500, count: 10, body: """{"error":{"code":"ServiceError","message":"boom"}}""");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            harness.Client.SendToConversationAsync(_fake.Url, Conversation, Text("失败"), CancellationToken.None));

        Assert.Equal(500, ex.StatusCode);
        Assert.Equal("ServiceError", ex.Code);
        Assert.Equal(ConnectorRetry.MaxAttempts, _fake.Calls.Count);
        Assert.Equal(ConnectorRetry.MaxAttempts - 1, harness.Delay.Waits.Count);
    }

    [Fact]
    public async Task Send_412_Retried()
    {
        using var harness = new ConnectorHarness();
        _fake.Inject(412);

        await harness.Client.UpdateActivityAsync(_fake.Url, Conversation, "card-1", Text("并发"), CancellationToken.None);

        Assert.Equal(2, _fake.Calls.Count);
    }

    [Fact]
    public async Task Send_400_FailsAtOnceWithCodeFromBody()
    {
        using var harness = new ConnectorHarness();
        _fake.Inject(400, body: """{"error":{"code":"BadArgument","message":"bad"}}""");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            harness.Client.SendToConversationAsync(_fake.Url, Conversation, Text("错"), CancellationToken.None));

        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("BadArgument", ex.Code);
        Assert.Single(_fake.Calls);
        Assert.Empty(harness.Delay.Waits);
    }

    [Fact]
    public async Task Send_403MessageWritesBlocked_UserUnreachableAfterExactlyOneCall()
    {
        using var harness = new ConnectorHarness();
        _fake.Inject(403, count: 3, body: """{"error":{"code":"MessageWritesBlocked","message":"blocked"}}""");

        var ex = await Assert.ThrowsAsync<UserUnreachableException>(() =>
            harness.Client.SendToConversationAsync(_fake.Url, "19:group@thread.v2", Text("通知"), CancellationToken.None));

        Assert.Equal("MessageWritesBlocked", ex.Code);
        Assert.Single(_fake.Calls);
        Assert.Empty(harness.Delay.Waits);
    }

    [Fact]
    public async Task Send_403OtherCodeInPersonalChat_UserUnreachable()
    {
        using var harness = new ConnectorHarness();
        _fake.Inject(403, body: """{"error":{"code":"BotNotInConversationRoster","message":"gone"}}""");

        await Assert.ThrowsAsync<UserUnreachableException>(() =>
            harness.Client.SendToConversationAsync(_fake.Url, Conversation, Text("通知"), CancellationToken.None));

        Assert.Single(_fake.Calls);
    }

    [Fact]
    public async Task Send_403OtherCodeInGroupChat_PlainConnectorExceptionNoRetry()
    {
        using var harness = new ConnectorHarness();
        _fake.Inject(403, body: """{"error":{"code":"BotNotInConversationRoster","message":"gone"}}""");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            harness.Client.SendToConversationAsync(_fake.Url, "19:group@thread.v2", Text("通知"), CancellationToken.None));

        Assert.IsNotType<UserUnreachableException>(ex);
        Assert.Equal(403, ex.StatusCode);
        Assert.Single(_fake.Calls);
    }

    [Fact]
    public async Task Send_LoopbackUrlWhenNotLocalMode_RefusedWithoutAnyRequestOrToken()
    {
        await using var other = await FakeConnector.StartAsync();
        using var harness = new ConnectorHarness(o => o.AllowLocalUnauthenticated = false);

        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() =>
            harness.Client.SendToConversationAsync(other.Url, Conversation, Text("不应发送"), CancellationToken.None));

        Assert.Empty(other.Calls);
        Assert.Equal(0, harness.Tokens.Requests);
    }

    [Theory]
    [InlineData("https://evil.example.com/")]
    [InlineData("https://smba.trafficmanager.net.evil.example/amer/")]
    [InlineData("http://smba.trafficmanager.net/amer/")]
    [InlineData("not a url")]
    public async Task Send_NonAllowListedUrl_RefusedBeforeTokenIsFetched(string serviceUrl)
    {
        using var harness = new ConnectorHarness();

        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() =>
            harness.Client.SendToConversationAsync(serviceUrl, Conversation, Text("不应发送"), CancellationToken.None));

        Assert.Equal(0, harness.Tokens.Requests);
    }

    [Fact]
    public async Task Send_LocalModeWithoutCredential_SendsNoAuthorizationHeader()
    {
        using var harness = new ConnectorHarness(hasCredential: false);

        await harness.Client.SendToConversationAsync(_fake.Url, Conversation, Text("本地"), CancellationToken.None);

        Assert.Null(Assert.Single(_fake.Calls).Authorization);
        Assert.Equal(0, harness.Tokens.Requests);
    }

    [Fact]
    public async Task Send_UnreachableLoopbackPort_RetriesNetworkErrorsWithinBound()
    {
        using var harness = new ConnectorHarness();
        var closed = ClosedLoopbackUrl();

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            harness.Client.SendToConversationAsync(closed, Conversation, Text("网络"), CancellationToken.None));

        Assert.Equal("NetworkError", ex.Code);
        Assert.Equal(ConnectorRetry.MaxAttempts - 1, harness.Delay.Waits.Count);
    }

    [Fact]
    public async Task GetAllMembers_SevenMembersInPagesOfThree_FollowsContinuationTokens()
    {
        using var harness = new ConnectorHarness();
        for (var i = 0; i < 7; i++)
        {
            _fake.Members.Add(new JsonObject { ["id"] = $"29:user-{i}", ["name"] = $"志愿者{i}", ["aadObjectId"] = $"aad-{i}" });
        }

        var members = new List<ChannelAccount>();
        await foreach (var m in harness.Client.GetAllMembersAsync(_fake.Url, "19:team@thread.tacv2", pageSize: 3))
        {
            members.Add(m);
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"aad-{i}"), members.Select(m => m.AadObjectId));
        var calls = _fake.Calls;
        Assert.Equal(3, calls.Count);
        Assert.DoesNotContain("continuationToken", calls[0].Path, StringComparison.Ordinal);
        Assert.Contains("continuationToken=3", calls[1].Path, StringComparison.Ordinal);
        Assert.Contains("continuationToken=6", calls[2].Path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadAttachment_AllowListedHost_SendsTokenAndReturnsBytes()
    {
        using var harness = new ConnectorHarness();

        var bytes = await harness.Client.DownloadAttachmentAsync(_fake.Url + "v3/attachments/abc/views/original", 1024, CancellationToken.None);

        Assert.NotEmpty(bytes);
        Assert.Equal("Bearer " + ConnectorHarness.Token, Assert.Single(_fake.Calls).Authorization);
    }

    [Fact]
    public async Task DownloadAttachment_LargerThanLimit_Refused()
    {
        using var harness = new ConnectorHarness();

        await Assert.ThrowsAsync<ConnectorException>(() =>
            harness.Client.DownloadAttachmentAsync(_fake.Url + "v3/attachments/abc/views/original", 4, CancellationToken.None));
    }

    [Theory]
    [InlineData("http://files.example.com/photo.png")]
    [InlineData("https://files.example.com/photo.png")]
    [InlineData("ftp://smba.trafficmanager.net/photo.png")]
    public async Task DownloadAttachment_NotAllowListed_RefusedBeforeTokenIsFetched(string url)
    {
        using var harness = new ConnectorHarness();

        await Assert.ThrowsAsync<ServiceUrlNotAllowedException>(() =>
            harness.Client.DownloadAttachmentAsync(url, 1024, CancellationToken.None));

        Assert.Equal(0, harness.Tokens.Requests);
    }

    private static Activity Text(string text) => new() { Type = ActivityTypes.Message, Text = text };

    /// <summary>A loopback URL on a port nothing listens on (taken from a listener we close again).</summary>
    private static string ClosedLoopbackUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}/";
    }
}

public sealed class ConnectorTelemetryTests : IAsyncLifetime
{
    private FakeConnector _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeConnector.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Update_ThrottledOnce_CountsCallsByOperationAndStatusAndTheThrottle()
    {
        var measurements = new System.Collections.Concurrent.ConcurrentBag<(string Instrument, long Value, string? Operation, string? Status)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == VolunteerBot.Hosting.BotTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? operation = null, status = null;
            foreach (var tag in tags)
            {
                operation = tag.Key == "operation" ? tag.Value as string : operation;
                status = tag.Key == "status" ? tag.Value as string : status;
            }

            measurements.Add((instrument.Name, value, operation, status));
        });
        listener.Start();
        using var harness = new ConnectorHarness();
        _fake.Inject(429, retryAfter: "1");

        await harness.Client.UpdateActivityAsync(_fake.Url, "a:telemetry-conv", "card-1", new Activity { Type = ActivityTypes.Message }, CancellationToken.None);

        Assert.Contains(measurements, m => m is { Instrument: "volunteerbot.connector.calls", Operation: "update", Status: "429" });
        Assert.Contains(measurements, m => m is { Instrument: "volunteerbot.connector.calls", Operation: "update", Status: "200" });
        Assert.Contains(measurements, m => m is { Instrument: "volunteerbot.connector.throttled", Operation: "update" });
    }
}

public sealed class MsalTokenProviderTests
{
    [Fact]
    public async Task GetToken_SingleTenantWithoutTenantId_FailsAsTokenUnavailableWithoutReachingEntra()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new VolunteerBot.Channel.BotOptions
        {
            AppId = "00000000-0000-0000-0000-00000000b075",
            AppType = VolunteerBot.Channel.BotAppType.SingleTenant,
            ClientSecret = "not-a-real-secret",
        });
        var provider = new MsalTokenProvider(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<MsalTokenProvider>.Instance);

        var ex = await Assert.ThrowsAsync<ConnectorException>(() => provider.GetTokenAsync(CancellationToken.None));

        Assert.True(provider.HasCredential);
        Assert.Equal("TokenUnavailable", ex.Code);
    }

    [Fact]
    public void HasCredential_NoSecretNoCertificateNotManagedIdentity_False()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new VolunteerBot.Channel.BotOptions { AppId = "x" });

        Assert.False(new MsalTokenProvider(options, Microsoft.Extensions.Logging.Abstractions.NullLogger<MsalTokenProvider>.Instance).HasCredential);
        Assert.True(new VolunteerBot.Channel.BotOptions { AppType = VolunteerBot.Channel.BotAppType.UserAssignedMSI }.HasCredential);
    }
}

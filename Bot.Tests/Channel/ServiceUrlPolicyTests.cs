using Microsoft.Extensions.Options;
using VolunteerBot.Channel;
using VolunteerBot.Channel.Connector;

namespace VolunteerBot.Tests.Channel;

public sealed class ServiceUrlPolicyTests
{
    [Theory]
    [InlineData(BotCloud.Public, "https://smba.trafficmanager.net/amer/", true)]
    [InlineData(BotCloud.Public, "https://smba.trafficmanager.net/teams/", true)]
    [InlineData(BotCloud.Public, "https://SMBA.trafficmanager.net/emea/", true)]
    [InlineData(BotCloud.Public, "https://smba.infra.gcc.teams.microsoft.com/gcc", true)]
    [InlineData(BotCloud.Public, "https://directline.botframework.com/", false)]
    [InlineData(BotCloud.Public, "https://webchat.botframework.com/", false)]
    [InlineData(BotCloud.Public, "https://evil.trafficmanager.net/amer/", false)]
    [InlineData(BotCloud.Public, "https://botframework.com.evil.example/", false)]
    [InlineData(BotCloud.Public, "https://evilbotframework.com/", false)]
    [InlineData(BotCloud.Public, "http://smba.trafficmanager.net/amer/", false)]
    [InlineData(BotCloud.Public, "https://smba.trafficmanager.net:8443/amer/", false)]
    [InlineData(BotCloud.Public, "https://user:pw@smba.trafficmanager.net/amer/", false)]
    [InlineData(BotCloud.Public, "https://smba.infra.gov.teams.microsoft.us/teams", false)]
    [InlineData(BotCloud.Public, "http://localhost:56150/_connector", false)]
    [InlineData(BotCloud.China, "https://smba.infra.partner.teams.microsoft.cn/", true)]
    [InlineData(BotCloud.China, "https://api.botframework.azure.cn/", false)]
    [InlineData(BotCloud.China, "https://smba.trafficmanager.net/amer/", false)]
    [InlineData(BotCloud.USGov, "https://smba.infra.gov.teams.microsoft.us/teams", true)]
    [InlineData(BotCloud.USGov, "https://smba.infra.dod.teams.microsoft.us/teams", true)]
    [InlineData(BotCloud.USGov, "https://smba.trafficmanager.net/amer/", false)]
    public void MayReceiveToken_NotLocal_OnlyTheCloudsHosts(BotCloud cloud, string url, bool allowed)
    {
        var policy = Policy(new BotOptions { Cloud = cloud });

        Assert.Equal(allowed, policy.MayReceiveToken(new Uri(url)));
    }

    [Theory]
    [InlineData("http://localhost:56150/_connector", true)]
    [InlineData("http://127.0.0.1:3979/", true)]
    [InlineData("http://[::1]:3979/", true)]
    [InlineData("http://10.0.0.5:56150/_connector", false)]
    public void MayReceiveToken_LocalMode_AddsLoopbackOnly(string url, bool allowed)
    {
        var policy = Policy(new BotOptions { AllowLocalUnauthenticated = true });

        Assert.Equal(allowed, policy.MayReceiveToken(new Uri(url)));
    }

    [Fact]
    public void MayReceiveToken_AdditionalHostConfigured_Allowed()
    {
        var policy = Policy(new BotOptions { Cloud = BotCloud.China, AdditionalServiceUrlHosts = ["smba.example-region.teams.microsoft.cn"] });

        Assert.True(policy.MayReceiveToken(new Uri("https://smba.example-region.teams.microsoft.cn/cn/")));
    }

    [Theory]
    [InlineData(BotCloud.Public, "https://contoso.sharepoint.com/personal/x/file.png", true)]
    [InlineData(BotCloud.Public, "https://contoso.sharepoint.com.evil.example/x", false)]
    [InlineData(BotCloud.Public, "http://contoso.sharepoint.com/x", false)]
    [InlineData(BotCloud.China, "https://contoso.sharepoint.cn/x", true)]
    [InlineData(BotCloud.China, "https://contoso.sharepoint.com/x", false)]
    public void IsFileDownloadHost_CloudsSharePointOverHttpsOnly(BotCloud cloud, string url, bool allowed)
    {
        var policy = Policy(new BotOptions { Cloud = cloud });

        Assert.Equal(allowed, policy.IsFileDownloadHost(new Uri(url)));
    }

    [Theory]
    [InlineData(BotCloud.Public, BotAppType.SingleTenant, "t1", "https://login.microsoftonline.com/t1", "https://api.botframework.com/.default")]
    [InlineData(BotCloud.Public, BotAppType.MultiTenant, "t1", "https://login.microsoftonline.com/botframework.com", "https://api.botframework.com/.default")]
    [InlineData(BotCloud.China, BotAppType.SingleTenant, "t1", "https://login.partner.microsoftonline.cn/t1", "https://api.botframework.azure.cn/.default")]
    [InlineData(BotCloud.USGov, BotAppType.SingleTenant, "t1", "https://login.microsoftonline.us/t1", "https://api.botframework.us/.default")]
    public void Clouds_AuthorityAndScope_MatchTheCloud(BotCloud cloud, BotAppType appType, string tenant, string authority, string scope)
    {
        var endpoints = Clouds.For(cloud);

        Assert.Equal(authority, endpoints.Authority(appType, tenant));
        Assert.Equal(scope, endpoints.OAuthScope);
        Assert.Equal(scope[..^"/.default".Length], endpoints.ManagedIdentityResource);
    }

    private static ServiceUrlPolicy Policy(BotOptions options) => new(Options.Create(options));
}

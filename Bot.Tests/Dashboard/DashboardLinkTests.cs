using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Handlers.Reminders;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Tests.Reminders;

namespace VolunteerBot.Tests.Dashboard;

/// <summary>From chat to tab: 打开数据看板 on the digest and help cards, a deep link to the personal tab.</summary>
public sealed class DashboardLinkTests
{
    private const string TeamsAppId = "0b7c1f3e-6a52-4d1e-9f0a-3c2b8e4d5a61";
    private const string DeepLink = "https://teams.microsoft.com/l/entity/" + TeamsAppId + "/dashboard";

    private static IOptions<DashboardLinkOptions> Link(string? appId) => Options.Create(new DashboardLinkOptions { TeamsAppId = appId });

    [Fact]
    public async Task Digest_TeamsAppIdConfigured_OpenDashboardDeepLink()
    {
        var handler = new DigestHandler(new Source(DigestTests.Department()), TimeProvider.System, Options.Create(new VolunteeringOptions()), Link(TeamsAppId));

        var result = await handler.HandleAsync(Turn("季度简报", Language.ZhCn), CancellationToken.None);

        var text = CardText.Of(Assert.Single(result.Replies).Card);
        Assert.Contains("\"Action.OpenUrl\"", text, StringComparison.Ordinal);
        Assert.Contains("打开数据看板", text, StringComparison.Ordinal);
        Assert.Contains(DeepLink, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Digest_NoTeamsAppId_NoButton()
    {
        var handler = new DigestHandler(new Source(DigestTests.Department()), TimeProvider.System, Options.Create(new VolunteeringOptions()), Link(null));

        var result = await handler.HandleAsync(Turn("季度简报", Language.ZhCn), CancellationToken.None);

        Assert.DoesNotContain("Action.OpenUrl", CardText.Of(Assert.Single(result.Replies).Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_English_OpenTheDashboardButton()
    {
        var handler = new HelpHandler(Link(TeamsAppId));

        var result = await handler.HandleAsync(Turn("help", Language.EnUs), CancellationToken.None);

        var text = CardText.Of(Assert.Single(result.Replies).Card);
        Assert.Contains("Open the dashboard", text, StringComparison.Ordinal);
        Assert.Contains(DeepLink, text, StringComparison.Ordinal);
    }

    [Fact]
    public void DeepLink_AppIdAndEntity_Escaped()
    {
        Assert.Equal(DeepLink, new DashboardLinkOptions { TeamsAppId = TeamsAppId }.Url);
        Assert.Null(new DashboardLinkOptions().Url);
    }

    private static Turn Turn(string text, Language language) => new()
    {
        User = new UserIdentity("c1", "29:c1", "张书记"),
        TenantId = "t",
        ConversationId = "a:c1",
        Kind = ConversationKind.Personal,
        Text = text,
        L = Localizer.For(language),
        Roles = new UserRoles(true, true, new HashSet<string>(), null),
    };

    private sealed class Source(DigestInput input) : IDigestSource
    {
        public Task<DigestInput> GatherAsync(Quarter quarter, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(input);
    }
}

using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Trust;

public sealed class RateLimitTests
{
    [Fact]
    public void TryAcquire_OverLimitInWindow_RefusedUntilWindowEnds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T01:00:00Z"));
        var limiter = new UserRateLimiter(Options.Create(new RateLimitOptions()), time);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.TryAcquire("reminders", "u1", out _));
        }

        Assert.False(limiter.TryAcquire("reminders", "u1", out var wait));
        Assert.True(limiter.TryAcquire("reminders", "u2", out _)); // per user
        Assert.True(limiter.TryAcquire("certificate", "u1", out _)); // per action
        time.Advance(wait);
        Assert.True(limiter.TryAcquire("reminders", "u1", out _));
    }

    /// <summary>Through the real pipeline with a limit of 2: the third 意见建议 in the window gets the polite refusal.</summary>
    [Fact]
    public async Task Feedback_ThirdInWindowWithLimitTwo_PoliteLocalizedRefusal()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotFactory(connector, new Dictionary<string, string?> { ["RateLimits:Rules:feedback:Limit"] = "2" });
        var replies = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var before = connector.Calls.Count;
            await bot.SayAsync(TestUser.Committee, "意见建议");
            replies.Add(string.Join("\n", (await connector.WaitForCountAsync(before + 1)).Skip(before).Select(c => c.CardText + c.Text)));
        }

        Assert.DoesNotContain("操作过于频繁", replies[0], StringComparison.Ordinal);
        Assert.DoesNotContain("操作过于频繁", replies[1], StringComparison.Ordinal);
        Assert.Contains("操作过于频繁", replies[2], StringComparison.Ordinal);
        Assert.Contains("意见建议", replies[2], StringComparison.Ordinal);
        var router = bot.Service<TurnRouter>();
        foreach (var (command, action) in new[] { ("志愿服务证明", "certificate"), ("导出记录", "export"), ("意见建议", "feedback"), ("上传照片", "photo"), ("立即提醒", "reminders") })
        {
            Assert.Equal(action, router.Handlers.Single(h => h.Route.Commands.Contains(command)).Route.RateLimit);
        }
    }
}

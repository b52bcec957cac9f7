using System.Net;
using System.Text.Json.Nodes;
using VolunteerBot.Hosting;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.CheckIn;

/// <summary>The local run's test clock: moved from loopback only, only in local mode, and every TimeProvider reader sees it.</summary>
public sealed class DevClockTests
{
    private static async Task<(HttpStatusCode Status, JsonNode? Body)> ClockAsync(BotFactory bot, string query, IPAddress from)
    {
        var context = await bot.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/_dev/clock";
            c.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString(query);
            c.Connection.RemoteIpAddress = from;
        });
        using var reader = new StreamReader(context.Response.Body);
        var text = await reader.ReadToEndAsync();
        return ((HttpStatusCode)context.Response.StatusCode, context.Response.StatusCode == 200 ? JsonNode.Parse(text) : null);
    }

    [Fact]
    public async Task Advance_FromLoopbackInLocalMode_MovesTheInjectedClock()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotFactory(connector);
        var before = bot.Service<TimeProvider>().GetUtcNow();

        var (status, body) = await ClockAsync(bot, "?advance=02:30:00", IPAddress.Loopback);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("02:30:00", body!["offset"]!.GetValue<string>());
        var now = bot.Service<TimeProvider>().GetUtcNow();
        Assert.InRange(now - before, TimeSpan.FromHours(2.5), TimeSpan.FromHours(2.6));
        Assert.IsType<DevClock>(bot.Service<TimeProvider>());

        Assert.Equal(HttpStatusCode.OK, (await ClockAsync(bot, "?reset=true", IPAddress.Loopback)).Status);
        Assert.True(bot.Service<TimeProvider>().GetUtcNow() - before < TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Advance_FromAnotherAddress_Forbidden()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotFactory(connector);

        var (status, _) = await ClockAsync(bot, "?advance=02:00:00", IPAddress.Parse("10.1.2.3"));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(TimeSpan.Zero, bot.Service<DevClock>().Offset);
    }

    [Fact]
    public async Task Advance_OutsideLocalMode_NotFoundAndSystemClock()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotFactory(connector, new Dictionary<string, string?> { ["Bot:AllowLocalUnauthenticated"] = "false" });

        var (status, _) = await ClockAsync(bot, "?advance=02:00:00", IPAddress.Loopback);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Same(TimeProvider.System, bot.Service<TimeProvider>());
    }
}

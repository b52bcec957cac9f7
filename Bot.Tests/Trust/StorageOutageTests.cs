using System.Net;
using Microsoft.Extensions.DependencyInjection;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Trust;

/// <summary>
/// Storage faults through the real SDK against an Azurite this test starts, stops and starts again on the same ports:
/// the bot starts without storage, /healthz names storage while it is away and turns Healthy by itself, and a turn
/// during an outage gets a polite "please try again shortly" instead of a 500.
/// </summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Outage_StartWithoutStorageThenStopAroundATurn_HealthFollowsAndTurnAnswersPolitely()
    {
        await using var azurite = new PrivateAzurite();
        await using var connector = await FakeConnector.StartAsync();
        var log = new RecordingLoggerProvider();
        await using var bot = new BotFactory(connector, new Dictionary<string, string?> { ["ConnectionStrings:Storage"] = azurite.ConnectionString })
        {
            Replace = s => s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(log),
        };
        var user = TestUser.New("周敏");
        using var http = bot.CreateClient();

        // 1. Storage is not there at start: the host runs, healthz says which part is down.
        var (down, downText) = await HealthAsync(http);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down);
        Assert.Contains("storage: Unhealthy", downText, StringComparison.Ordinal);

        // 2. Storage comes: healthz turns Healthy on its own (the initializer retries), and turns work.
        await azurite.StartAsync();
        await WaitHealthyAsync(http, log);
        var first = connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, await bot.SayAsync(user, "你好"));
        var greeting = (await connector.WaitForCountAsync(first + 1)).Skip(first).Select(c => c.CardText + c.Text).ToList();
        Assert.False(greeting.Any(t => t.Contains("系统暂时无法访问数据", StringComparison.Ordinal)), Faults(log));
        var rowsBefore = await RowsAsync(bot);

        // 3. Storage goes away around a turn: 200 with the localized notice, not a 500.
        await azurite.StopAsync();
        var before = connector.Calls.Count;
        var status = await bot.SayAsync(user, "我的资料");
        Assert.Equal(HttpStatusCode.OK, status);
        var notice = (await connector.WaitForCountAsync(before + 1)).Skip(before).Select(c => c.CardText + c.Text);
        Assert.Contains(notice, t => t.Contains("系统暂时无法访问数据", StringComparison.Ordinal) && t.Contains("请稍后再试", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await HealthAsync(http)).Status);

        // 4. Storage returns: Healthy again by itself, and the same command answers normally.
        await azurite.StartAsync();
        await WaitHealthyAsync(http, log);
        before = connector.Calls.Count;
        Assert.Equal(HttpStatusCode.OK, await bot.SayAsync(user, "我的资料"));
        var after = (await connector.WaitForCountAsync(before + 1)).Skip(before).Select(c => c.CardText + c.Text).ToList();
        Assert.False(after.Any(t => t.Contains("系统暂时无法访问数据", StringComparison.Ordinal)), Faults(log));

        // 5. Nothing half-written: the turn that met the outage left no row behind (the same rows as before it).
        Assert.Equal(rowsBefore, await RowsAsync(bot));
    }

    private static string Faults(RecordingLoggerProvider log) =>
        string.Join("\n---\n", log.Entries.Where(e => e.EventId == 1101).Select(e => e.Exception?.ToString()));

    /// <summary>
    /// Every row of this bot's tables as "table/pk/rk", sorted. The senders' registry is left out: its heartbeat row is
    /// written by background work on its own clock (every 2 s), whenever storage answers, not by any turn.
    /// </summary>
    private static async Task<string> RowsAsync(BotFactory bot)
    {
        var account = bot.Service<VolunteerBot.Storage.StorageAccount>();
        var rows = new List<string>();
        foreach (var name in VolunteerBot.Storage.StorageNames.Tables.Where(t => t != VolunteerBot.Storage.StorageNames.ReminderSenders))
        {
            await foreach (var e in account.Table(name).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
            {
                rows.Add($"{name}/{e.PartitionKey}/{e.RowKey}");
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return string.Join("\n", rows);
    }

    private static async Task<(HttpStatusCode Status, string Text)> HealthAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls healthz until Healthy; bounded so a bot that never recovers fails the test instead of hanging.</summary>
    private static async Task WaitHealthyAsync(HttpClient http, RecordingLoggerProvider log)
    {
        var crashed = log.Entries.Where(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical).Select(e => e.Message + e.Exception).FirstOrDefault();
        Assert.True(crashed is null, crashed);
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var stopped = log.Entries.FirstOrDefault(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
            Assert.True(stopped is null, stopped?.Message + stopped?.Exception?.ToString());
            if ((await HealthAsync(http)).Status == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(250);
        }

        Assert.Fail("healthz did not turn Healthy within 120 s of storage coming back");
    }
}

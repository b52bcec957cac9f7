using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Reminders;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Delivery;
using VolunteerBot.Storage.Delivery;

namespace VolunteerBot.Tests.Reminders;

/// <summary>Announcements (issue 4) as broadcast runs on the reminder queue, on Azurite and the loopback connector.</summary>
public sealed class BroadcastTests
{
    [Fact]
    public async Task StartAsync_SameKeyTwice_OneRunEachRecipientOnceProgressLabelled()
    {
        var account = await TestStorage.CreateAccountAsync();
        await using var connector = await FakeConnector.StartAsync();
        var users = Enumerable.Range(0, 120).Select(i => $"ann-{i:D3}").ToList();
        await ReminderTestHost.SeedReferencesAsync(account, connector.Url, users.Skip(1)); // ann-000 never installed the app
        // No crash here: production leases, so a send slowed by the shared machine is never taken over mid-flight.
        await using var host = ReminderTestHost.Create(account, TimeProvider.System, new FixedPlanner([]), sending: o =>
        {
            o.VisibilityTimeout = TimeSpan.FromSeconds(30);
            o.SendTimeout = TimeSpan.FromSeconds(60);
            o.SendingLease = TimeSpan.FromSeconds(90);
        });
        var starter = host.Get<BroadcastStarter>();
        var broadcast = new Broadcast("announce-2026-ab12cd34", "垃圾分类宣传进社区", users, OutgoingMessage.Of("新的志愿服务活动开始报名"));

        await starter.StartAsync(broadcast, "committee", CancellationToken.None);
        await starter.StartAsync(broadcast with { Recipients = [.. users, "late-joiner"] }, "committee-2", CancellationToken.None);

        var queue = host.Get<ManualRunQueue>();
        Assert.True(queue.Reader.TryRead(out var run));
        Assert.False(queue.Reader.TryRead(out _)); // the second start claimed nothing
        Assert.Equal(ReminderKind.Announcement, run!.Kind);
        await host.Get<ReminderRunner>().ExecuteAsync(run, CancellationToken.None);
        await host.Get<ReminderSender>().StartAsync(CancellationToken.None);
        var runs = host.Get<IReminderRuns>();
        var summary = await ReminderCrashResumeTests.WaitAsync(() => runs.GetAsync(run.RunId, CancellationToken.None), s => s is { FanOutDone: true, Pending: 0 }, TimeSpan.FromSeconds(120));
        await host.Get<ReminderSender>().StopAsync(CancellationToken.None);

        Assert.Equal((120, 119, 1), (summary!.Recipients, summary.Sent, summary.Unreachable));
        Assert.Equal("垃圾分类宣传进社区", summary.Label);
        Assert.Equal("announcement", summary.Trigger);
        var sends = connector.Calls.Where(c => c.Method == "POST").ToList();
        Assert.Equal(119, sends.Count);
        Assert.Equal(119, sends.Select(c => c.Path).Distinct().Count());
        Assert.All(sends, c => Assert.Contains("新的志愿服务活动开始报名", c.Text ?? "", StringComparison.Ordinal));
        Assert.Equal(120, host.Get<ReminderSenderStats>().FastClaims); // every claim without a read first
    }

    [Fact]
    public async Task ExecuteAsync_ClaimedRunOnAnotherInstance_FansOutFromTheStoredPlan()
    {
        var account = await TestStorage.CreateAccountAsync();
        await using var a = ReminderTestHost.Create(account, TimeProvider.System, new FixedPlanner([]));
        await a.Get<BroadcastStarter>().StartAsync(new Broadcast("announce-2026-ef56ab78", "法治宣传", ["v-1", "v-2", "v-3"], OutgoingMessage.Of("公告")), "committee", CancellationToken.None);
        Assert.True(a.Get<ManualRunQueue>().Reader.TryRead(out var run)); // instance A claimed it, then "died" before the fan-out

        await using var b = ReminderTestHost.Create(account, TimeProvider.System, new FixedPlanner([]));
        var done = await b.Get<ReminderRunner>().ExecuteAsync(run!, CancellationToken.None);

        Assert.True(done!.FanOutDone);
        var queued = await b.Get<ReminderDeliveryStore>().ListAsync(run!.RunId, DeliveryStatus.Queued, CancellationToken.None);
        Assert.Equal(["v-1", "v-2", "v-3"], queued.Select(r => r.RecipientId).Order());
        Assert.All(queued, r => Assert.Equal("公告", ReminderMessages.Deserialize(r.Message).Text));
    }

    [Fact]
    public async Task Announcement_RecipientChoseEnglish_GetsTheEnglishCardOthersTheChinese()
    {
        var account = await TestStorage.CreateAccountAsync();
        await using var connector = await FakeConnector.StartAsync();
        await ReminderTestHost.SeedReferencesAsync(account, connector.Url, ["ann-en", "ann-zh"]);
        await using var host = ReminderTestHost.Create(account, TimeProvider.System, new FixedPlanner([]));
        await host.Get<VolunteerBot.Dialogs.Domain.Users.IUserSettingsStore>().SetLanguageAsync("ann-en", VolunteerBot.Dialogs.Localization.Language.EnUs, CancellationToken.None);
        var turn = new TurnResult().BroadcastTo("announce-2026-lang0001", "双语公告", ["ann-en", "ann-zh"],
            L => new VolunteerBot.Dialogs.Cards.AdaptiveCard().Text(L["projects.announce.intro"]));

        await host.Get<BroadcastStarter>().StartAsync(Assert.Single(turn.Broadcasts), "committee", CancellationToken.None);
        Assert.True(host.Get<ManualRunQueue>().Reader.TryRead(out var run));
        await host.Get<ReminderRunner>().ExecuteAsync(run!, CancellationToken.None);
        await host.Get<ReminderSender>().StartAsync(CancellationToken.None);
        await ReminderCrashResumeTests.WaitAsync(() => host.Get<IReminderRuns>().GetAsync(run!.RunId, CancellationToken.None), s => s is { Pending: 0 }, TimeSpan.FromSeconds(60));
        await host.Get<ReminderSender>().StopAsync(CancellationToken.None);

        var english = VolunteerBot.Dialogs.Localization.Localizer.For(VolunteerBot.Dialogs.Localization.Language.EnUs)["projects.announce.intro"];
        var chinese = VolunteerBot.Dialogs.Localization.Localizer.For(VolunteerBot.Dialogs.Localization.Language.ZhCn)["projects.announce.intro"];
        Assert.NotEqual(english, chinese);
        var toEnglish = Assert.Single(connector.Calls, c => c.Method == "POST" && c.Path.Contains("ann-en", StringComparison.Ordinal));
        var toChinese = Assert.Single(connector.Calls, c => c.Method == "POST" && c.Path.Contains("ann-zh", StringComparison.Ordinal));
        Assert.Contains(english, toEnglish.CardText, StringComparison.Ordinal);
        Assert.Contains(chinese, toChinese.CardText, StringComparison.Ordinal);
    }
}

using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Reminders;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Delivery;
using VolunteerBot.Storage.Delivery;
using VolunteerBot.Storage.Reminders;

namespace VolunteerBot.Tests.Reminders;

/// <summary>The scheduler on Azurite with a fake clock: due runs, missed runs, and instances racing for a claim.</summary>
public sealed class ReminderSchedulerTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly string[] Recipients = ["u1", "u2", "u3", "u4", "u5"];

    [Fact]
    public async Task TickAsync_FourInstancesRacingOnAzurite_ExactlyOneRunAndOneLetterPerRecipient()
    {
        var account = await TestStorage.CreateAccountAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 16, 9, 0, 1, Cst));
        var planner = new FixedPlanner(Recipients);
        var hosts = Enumerable.Range(0, 4).Select(_ => ReminderTestHost.Create(account, time, planner)).ToList();

        var made = await Task.WhenAll(hosts.Select(h => h.Get<ReminderScheduler>().TickAsync(CancellationToken.None)));

        var run = Assert.Single(made, m => m is not null);
        Assert.Equal("2026Q4-mid", run!.RunId);
        Assert.Equal(1, planner.Plans);
        var counts = await hosts[0].Get<ReminderDeliveryStore>().CountAsync("2026Q4-mid", CancellationToken.None);
        Assert.Equal(5, counts.Values.Sum());
        var peeked = await account.Queue(StorageNames.ReminderQueue).PeekMessagesAsync(32);
        Assert.Equal(5, peeked.Value.Length);
        Assert.True((await hosts[1].Get<ReminderRunStore>().GetAsync("2026Q4-mid", CancellationToken.None))!.FanOutDone);
        foreach (var h in hosts)
        {
            await h.DisposeAsync();
        }
    }

    [Fact]
    public async Task ExecuteAsync_FakeClockReachesNineLocalOnDueDay_RunsOnceAndNotAgain()
    {
        var account = await TestStorage.CreateAccountAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 15, 12, 0, 0, Cst));
        var planner = new FixedPlanner(Recipients);
        await using var host = ReminderTestHost.Create(account, time, planner);
        var scheduler = host.Get<ReminderScheduler>();

        var firstSleep = scheduler.Sleeping;
        await scheduler.StartAsync(CancellationToken.None);
        var wake = await firstSleep.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, planner.Plans);
        Assert.Equal(time.GetUtcNow() + ReminderScheduler.MaxSleep, wake);

        var afterRun = scheduler.Sleeping;
        time.SetUtcNow(new DateTimeOffset(2026, 11, 16, 9, 0, 0, Cst));
        await afterRun.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, planner.Plans);
        Assert.Equal("2026Q4-mid", Assert.Single(planner.RunIds));

        var later = scheduler.Sleeping;
        time.Advance(TimeSpan.FromMinutes(5));
        await later.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, planner.Plans);
        await scheduler.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ExecuteAsync_ServiceDownAtDueTime_MissedRunMadeOnceOnStartAndNotByTheNextInstance()
    {
        var account = await TestStorage.CreateAccountAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 18, 10, 0, 0, Cst)); // mid was due 16 Nov 09:00
        var plannerA = new FixedPlanner(Recipients);
        await using (var a = ReminderTestHost.Create(account, time, plannerA))
        {
            var slept = a.Get<ReminderScheduler>().Sleeping;
            await a.Get<ReminderScheduler>().StartAsync(CancellationToken.None);
            await slept.WaitAsync(TimeSpan.FromSeconds(30));
            await a.Get<ReminderScheduler>().StopAsync(CancellationToken.None);
        }

        time.Advance(TimeSpan.FromHours(1));
        var plannerB = new FixedPlanner(Recipients);
        await using var b = ReminderTestHost.Create(account, time, plannerB);
        var sleptB = b.Get<ReminderScheduler>().Sleeping;
        await b.Get<ReminderScheduler>().StartAsync(CancellationToken.None);
        await sleptB.WaitAsync(TimeSpan.FromSeconds(30));
        await b.Get<ReminderScheduler>().StopAsync(CancellationToken.None);

        Assert.Equal(1, plannerA.Plans);
        Assert.Equal(0, plannerB.Plans);
        var run = await b.Get<ReminderRunStore>().GetAsync("2026Q4-mid", CancellationToken.None);
        Assert.Equal("catch-up", run!.Trigger);
    }

    [Fact]
    public async Task ResumeStaleAsync_FanOutStoppedMidway_AnotherInstanceFinishesWithoutDuplicates()
    {
        var account = await TestStorage.CreateAccountAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, Cst));
        var recipients = Enumerable.Range(0, 250).Select(i => $"user-{i:D4}").ToList();
        await using var a = ReminderTestHost.Create(account, time, new FixedPlanner(recipients));
        var runner = a.Get<ReminderRunner>();
        var claimed = await runner.TryClaimAsync(new(2026, 4), Dialogs.Domain.Reminders.ReminderKind.Manual, "manual-test", "manual", "c", CancellationToken.None);

        // Instance A "dies" after the first hundred: rows and messages for 0–99 exist, the checkpoint says so.
        var firstHundred = new FixedPlanner(recipients.Take(100).ToList());
        await a.Get<ReminderFanOut>().RunAsync(claimed!, await firstHundred.PlanAsync(new("2026Q4-manual-test", new(2026, 4), Dialogs.Domain.Reminders.ReminderKind.Manual, time.GetUtcNow()), CancellationToken.None), CancellationToken.None);
        var stopped = await a.Get<ReminderRunStore>().GetAsync("2026Q4-manual-test", CancellationToken.None);
        await a.Get<ReminderRunStore>().TryUpdateAsync(stopped! with { FanOutDone = false }, CancellationToken.None);

        time.Advance(ReminderRunner.FanOutStale + TimeSpan.FromSeconds(1));
        await using var b = ReminderTestHost.Create(account, time, new FixedPlanner(recipients));
        Assert.Equal(1, await b.Get<ReminderRunner>().ResumeStaleAsync(CancellationToken.None));

        var counts = await b.Get<ReminderDeliveryStore>().CountAsync("2026Q4-manual-test", CancellationToken.None);
        Assert.Equal(250, counts.Values.Sum());
        var run = await b.Get<ReminderRunStore>().GetAsync("2026Q4-manual-test", CancellationToken.None);
        Assert.True(run!.FanOutDone);
        Assert.Equal(250, run.Recipients);
    }
}

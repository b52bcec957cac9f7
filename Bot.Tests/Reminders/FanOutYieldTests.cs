using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Delivery;
using VolunteerBot.Reminders;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Delivery;
using VolunteerBot.Storage.Reminders;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Reminders;

/// <summary>
/// The fan-out yields to the senders while the bulk lane is deep (Reminders:Sending:FanOutAhead): a restarted
/// process that resumes its dead predecessor's fan-out does not re-plan (read every profile) and write rows while
/// thousands of messages are still waiting to be sent. Azurite, fake clock, no sender running.
/// </summary>
public sealed class FanOutYieldTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task ResumeStaleAsync_QueueDeeperThanFanOutAhead_PlansOnlyOnceTheSendersHaveDrainedIt()
    {
        var account = await TestStorage.CreateAccountAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, Cst));
        var recipients = Enumerable.Range(0, 250).Select(i => $"user-{i:D4}").ToList();
        await using var a = ReminderTestHost.Create(account, time, new FixedPlanner(recipients), sending: o => o.FanOutAhead = 1000);
        var claimed = await a.Get<ReminderRunner>().TryClaimAsync(new(2026, 4), Dialogs.Domain.Reminders.ReminderKind.Manual, "manual-test", "manual", "c", Ct);

        // Instance A "dies" after the first hundred (rows and messages for 0–99, the checkpoint says so).
        var firstHundred = new FixedPlanner(recipients.Take(100).ToList());
        var plan = await firstHundred.PlanAsync(new("2026Q4-manual-test", new(2026, 4), Dialogs.Domain.Reminders.ReminderKind.Manual, time.GetUtcNow()), Ct);
        await a.Get<ReminderFanOut>().RunAsync(claimed!, plan, Ct);
        var stopped = await a.Get<ReminderRunStore>().GetAsync("2026Q4-manual-test", Ct);
        await a.Get<ReminderRunStore>().TryUpdateAsync(stopped! with { FanOutDone = false }, Ct);
        time.Advance(ReminderRunner.FanOutStale + TimeSpan.FromSeconds(1));

        // B resumes with FanOutAhead 60: it plans only once the lane is down to a quarter of that (15); it holds 100.
        var planner = new FixedPlanner(recipients);
        await using var b = ReminderTestHost.Create(account, time, planner, sending: o => o.FanOutAhead = 60);
        var fanOut = b.Get<ReminderFanOut>();
        var waiting = fanOut.WaitingForRoom;
        var resume = b.Get<ReminderRunner>().ResumeStaleAsync(Ct);

        Assert.Equal(100, await waiting.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, planner.Plans);

        // Three minutes of waiting (longer than FanOutStale): the run's heartbeat stays fresh, so no other
        // instance takes the fan-out over while it yields.
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromMinutes(3); waited += ReminderFanOut.RoomPoll)
        {
            var next = fanOut.WaitingForRoom;
            time.Advance(ReminderFanOut.RoomPoll);
            Assert.Equal(100, await next.WaitAsync(TimeSpan.FromSeconds(60)));
        }

        var during = await b.Get<ReminderRunStore>().GetAsync("2026Q4-manual-test", Ct);
        Assert.True(time.GetUtcNow() - during!.FanOutHeartbeat < ReminderRunner.FanOutStale, $"heartbeat {during.FanOutHeartbeat} at {time.GetUtcNow()}");
        Assert.Equal(0, planner.Plans);
        Assert.False(resume.IsCompleted);

        // The senders take 90 messages: 10 left, under 15; the fan-out plans at its next look. Then the lane is
        // worked down whenever the fan-out waits again (each chunk of 100 puts it above 60).
        var lane = account.Queue(StorageNames.ReminderQueue);
        await TakeAsync(lane, 90);
        time.Advance(ReminderFanOut.RoomPoll);
        while (true)
        {
            var next = fanOut.WaitingForRoom;
            if (await Task.WhenAny(next, resume).WaitAsync(TimeSpan.FromSeconds(60)) == resume)
            {
                break;
            }

            Assert.True(await next > 60);
            await TakeAsync(lane, await next);
            time.Advance(ReminderFanOut.RoomPoll);
        }

        Assert.Equal(1, await resume);
        Assert.Equal(1, planner.Plans);
        var counts = await b.Get<ReminderDeliveryStore>().CountAsync("2026Q4-manual-test", Ct);
        Assert.Equal(250, counts.Values.Sum());
        var run = await b.Get<ReminderRunStore>().GetAsync("2026Q4-manual-test", Ct);
        Assert.True(run!.FanOutDone);
        Assert.Equal(250, run.Recipients);
    }

    [Fact]
    public async Task RunAsync_LaneNeverDrains_GoesOnAfterTheLongestWait()
    {
        var account = await TestStorage.CreateAccountAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, Cst));
        var recipients = Enumerable.Range(0, 250).Select(i => $"user-{i:D4}").ToList();
        await using var host = ReminderTestHost.Create(account, time, new FixedPlanner(recipients), sending: o => o.FanOutAhead = 150);
        var claimed = await host.Get<ReminderRunner>().TryClaimAsync(new(2026, 4), Dialogs.Domain.Reminders.ReminderKind.Manual, "manual-test", "manual", "c", Ct);
        var fanOut = host.Get<ReminderFanOut>();
        var waiting = fanOut.WaitingForRoom;

        var run = host.Get<ReminderRunner>().ExecuteAsync(claimed!, Ct);

        // Nobody sends: the lane holds 200 > 150 for good. The fan-out waits its longest, then writes the rest.
        Assert.Equal(200, await waiting.WaitAsync(TimeSpan.FromSeconds(60)));
        var start = time.GetUtcNow();
        for (var waited = TimeSpan.Zero; waited <= ReminderFanOut.MaxYield && !run.IsCompleted; waited += ReminderFanOut.RoomPoll)
        {
            var next = fanOut.WaitingForRoom;
            time.Advance(ReminderFanOut.RoomPoll);
            await Task.WhenAny(next, run).WaitAsync(TimeSpan.FromSeconds(60));
        }

        await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(time.GetUtcNow() - start >= ReminderFanOut.MaxYield, $"went on after {time.GetUtcNow() - start}, before the longest wait");
        var counts = await host.Get<ReminderDeliveryStore>().CountAsync("2026Q4-manual-test", Ct);
        Assert.Equal(250, counts.Values.Sum());
    }

    [Fact]
    public async Task RunAsync_LaneFillsPastFanOutAhead_WaitsBetweenChunksUntilItDrains()
    {
        var account = await TestStorage.CreateAccountAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 10, 0, 0, Cst));
        var recipients = Enumerable.Range(0, 250).Select(i => $"user-{i:D4}").ToList();
        var planner = new FixedPlanner(recipients);
        await using var host = ReminderTestHost.Create(account, time, planner, sending: o => o.FanOutAhead = 150);
        var claimed = await host.Get<ReminderRunner>().TryClaimAsync(new(2026, 4), Dialogs.Domain.Reminders.ReminderKind.Manual, "manual-test", "manual", "c", Ct);
        var fanOut = host.Get<ReminderFanOut>();
        var waiting = fanOut.WaitingForRoom;

        var run = host.Get<ReminderRunner>().ExecuteAsync(claimed!, Ct);

        // Two chunks of 100 are written (100 ≤ 150 before the second), then 200 > 150: it waits until at most 75 are left.
        Assert.Equal(200, await waiting.WaitAsync(TimeSpan.FromSeconds(60)));
        var counts = await host.Get<ReminderDeliveryStore>().CountAsync("2026Q4-manual-test", Ct);
        Assert.Equal(200, counts.Values.Sum());
        Assert.False(run.IsCompleted);

        var lane = account.Queue(StorageNames.ReminderQueue);
        var taken = 0;
        while (taken < 100)
        {
            foreach (var m in (await lane.ReceiveMessagesAsync(Math.Min(32, 100 - taken), TimeSpan.FromMinutes(10))).Value)
            {
                await lane.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                taken++;
            }
        }

        // 100 left: still more than 75, so it keeps waiting; 30 more taken, 70 left, and it goes on.
        var still = fanOut.WaitingForRoom;
        time.Advance(ReminderFanOut.RoomPoll);
        Assert.Equal(100, await still.WaitAsync(TimeSpan.FromSeconds(60)));
        foreach (var m in (await lane.ReceiveMessagesAsync(30, TimeSpan.FromMinutes(10))).Value)
        {
            await lane.DeleteMessageAsync(m.MessageId, m.PopReceipt);
        }

        time.Advance(ReminderFanOut.RoomPoll);
        var done = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(done!.FanOutDone);
        Assert.Equal(250, (await host.Get<ReminderDeliveryStore>().CountAsync("2026Q4-manual-test", Ct)).Values.Sum());
    }

    private static async Task TakeAsync(Azure.Storage.Queues.QueueClient lane, int count)
    {
        var taken = 0;
        while (taken < count)
        {
            foreach (var m in (await lane.ReceiveMessagesAsync(Math.Min(32, count - taken), TimeSpan.FromMinutes(10))).Value)
            {
                await lane.DeleteMessageAsync(m.MessageId, m.PopReceipt);
                taken++;
            }
        }
    }
}

using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Delivery;
using VolunteerBot.Delivery.RateLimiting;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Reminders;
using VolunteerBot.Storage.Delivery;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Tests.Reminders;

namespace VolunteerBot.Tests.Delivery;

/// <summary>
/// A sender restarted after a crash (issue 14): it keeps its instance id, so it replaces its dead predecessor in the
/// budget at once and takes back the rows the dead process held, without waiting for their queue visibility or lease.
/// The clock is a <see cref="FakeTimeProvider"/> that never moves: nothing here can happen by a timeout running out.
/// And the urgent lane: a notification goes before a waiting reminder run.
/// </summary>
public sealed class SenderRestartTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 2, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = CancellationToken.None;

    private static string NewInstanceId() => "inst-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task JoinAsync_RestartedWithSameInstanceId_ReplacesTheDeadEntryAndTakesTheWholeBudgetAtOnce()
    {
        var account = await TestStorage.CreateAccountAsync();
        var id = NewInstanceId();
        var registry = new SenderRegistry(account);
        await registry.HeartbeatAsync(id, "dead0001", T0.AddSeconds(-1), _ct); // killed a second ago: its heartbeat still looks live
        await using var host = ReminderTestHost.Create(account, new FakeTimeProvider(T0), new FixedPlanner([]), sending: o =>
        {
            o.InstanceId = id;
            o.AppRequestsPerSecond = 50;
        });
        var coordinator = host.Get<SenderCoordinator>();

        var dead = await coordinator.JoinAsync(_ct);

        Assert.Equal(id + "/dead0001", dead);
        Assert.Equal(1, host.Get<DeliveryThrottle>().Instances); // not two: the dead entry is this instance's own, replaced
        Assert.Equal(50, host.Get<DeliveryThrottle>().WindowLimit);
        Assert.True(coordinator.IsSuperseded(id + "/dead0001"));
        Assert.False(coordinator.IsSuperseded(host.Get<SenderIdentity>().Holder));
        var entry = await registry.GetAsync(id, _ct);
        Assert.Equal(host.Get<SenderIdentity>().Incarnation, entry!.Incarnation);
    }

    [Fact]
    public async Task SyncAsync_AnotherInstanceStopsBeating_ItsShareReturnsAfterTheTimeToLive()
    {
        var account = await TestStorage.CreateAccountAsync();
        var time = new FakeTimeProvider(T0);
        await new SenderRegistry(account).HeartbeatAsync("other-" + Guid.NewGuid().ToString("N")[..6], "o1", T0, _ct);
        await using var host = ReminderTestHost.Create(account, time, new FixedPlanner([]), sending: o =>
        {
            o.InstanceId = NewInstanceId();
            o.AppRequestsPerSecond = 50;
        });
        var coordinator = host.Get<SenderCoordinator>();
        var throttle = host.Get<DeliveryThrottle>();

        Assert.Null(await coordinator.JoinAsync(_ct)); // a first start: nobody to take back
        Assert.Equal((2, 25), (throttle.Instances, throttle.WindowLimit));

        time.Advance(TimeSpan.FromSeconds(7));
        await coordinator.SyncAsync(heartbeat: true, _ct);
        Assert.Equal(2, throttle.Instances); // 7 s of silence: maybe a slow heartbeat

        time.Advance(TimeSpan.FromSeconds(2));
        await coordinator.SyncAsync(heartbeat: true, _ct);
        Assert.Equal((1, 50), (throttle.Instances, throttle.WindowLimit)); // 9 s > the 8 s time to live
    }

    [Fact]
    public async Task Restart_DeadProcessHeldClaimedRows_SentAgainAtOnceNotAfterVisibilityOrLease()
    {
        var account = await TestStorage.CreateAccountAsync();
        await using var connector = await FakeConnector.StartAsync();
        var users = Enumerable.Range(0, 20).Select(i => $"held-{i:D2}").ToList();
        await ReminderTestHost.SeedReferencesAsync(account, connector.Url, users);
        var id = NewInstanceId();
        var time = new FakeTimeProvider(T0);

        // The run fanned out; then the dead process took every message (5 minutes' visibility) and claimed every row.
        await using (var fan = ReminderTestHost.Create(account, time, new FixedPlanner(users), sending: o => o.InstanceId = NewInstanceId()))
        {
            var runner = fan.Get<ReminderRunner>();
            var run = await runner.TryClaimAsync(new Quarter(2026, 4), ReminderKind.Manual, "manual-held", "manual", "c", _ct);
            await runner.ExecuteAsync(run!, _ct);
        }

        var queue = new DeliveryQueue(account);
        var deliveries = new ReminderDeliveryStore(account);
        var taken = new List<DeliveryMessage>();
        while (taken.Count < users.Count)
        {
            var batch = await queue.ReceiveAsync(DeliveryLane.Bulk, 32, TimeSpan.FromMinutes(5), _ct);
            Assert.NotEmpty(batch);
            taken.AddRange(batch);
        }

        foreach (var m in taken)
        {
            Assert.True(QueueTicket.TryParse(m.Body, out var ticket));
            Assert.NotNull(await deliveries.TryClaimAsync(ticket.RunId, ticket.RecipientId, ticket.ETag!, id + "/dead0001", T0, _ct));
        }

        await new SenderRegistry(account).HeartbeatAsync(id, "dead0001", T0, _ct);
        Assert.Empty(connector.Calls);

        // The restart: same instance id, a clock that never moves (no lease or visibility can run out).
        await using var host = ReminderTestHost.Create(account, time, new FixedPlanner([]), sending: o => o.InstanceId = id);
        var sender = host.Get<ReminderSender>();
        await host.Get<SenderCoordinator>().StartAsync(_ct);
        await sender.StartAsync(_ct);

        Assert.Equal(20, await sender.Reclaimed.WaitAsync(TimeSpan.FromSeconds(60)));

        // The clock moves only in small steps while the sends go out (the sender paces them a few ms apart), and in
        // all by far less than the lease (10 s here) and the dead process's queue visibility (5 min).
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (connector.Calls.Count(x => x.Method == "POST") < 20 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
            time.Advance(TimeSpan.FromMilliseconds(5));
        }

        Assert.True(time.GetUtcNow() - T0 < TimeSpan.FromSeconds(5), $"the clock moved {time.GetUtcNow() - T0}");
        var calls = connector.Calls;

        // The last marks may still be on their way when the sends were seen: wait for them (the clock stays put).
        var sent = 0;
        while (DateTime.UtcNow < deadline)
        {
            sent = (await deliveries.CountAsync(ReminderRunIds.Of(new Quarter(2026, 4), "manual-held"), _ct))[DeliveryStatus.Sent];
            if (sent == 20)
            {
                break;
            }

            await Task.Delay(20);
        }

        await sender.StopAsync(_ct);
        await host.Get<SenderCoordinator>().StopAsync(_ct);

        Assert.Equal(20, calls.Where(c => c.Method == "POST").Select(c => c.Path).Distinct().Count());
        Assert.Equal(20, calls.Count(c => c.Method == "POST"));
        Assert.Equal(20, sent);
    }

    [Fact]
    public async Task Notification_QueuedBehindALargeRun_SentBeforeTheRunsWaitingMessages()
    {
        var account = await TestStorage.CreateAccountAsync();
        await using var connector = await FakeConnector.StartAsync();
        var users = Enumerable.Range(0, 120).Select(i => $"bulk-{i:D3}").ToList();
        await ReminderTestHost.SeedReferencesAsync(account, connector.Url, [.. users, "urgent-1"]);
        await using var host = ReminderTestHost.Create(account, TimeProvider.System, new FixedPlanner(users), sending: o =>
        {
            o.InstanceId = NewInstanceId();
            o.AppRequestsPerSecond = 20; // six seconds for the run: plenty of messages still waiting
            o.Concurrency = 4;
            o.UrgentPoll = TimeSpan.FromMilliseconds(100);
            o.VisibilityTimeout = TimeSpan.FromSeconds(30);
            o.SendTimeout = TimeSpan.FromSeconds(60);
            o.SendingLease = TimeSpan.FromSeconds(90);
        });
        var runner = host.Get<ReminderRunner>();
        var run = await runner.TryClaimAsync(new Quarter(2026, 4), ReminderKind.Manual, "manual-bulk", "manual", "c", _ct);
        await runner.ExecuteAsync(run!, _ct);
        await host.Get<ReminderSender>().StartAsync(_ct);
        await connector.WaitForAsync(c => c.Count(x => x.Method == "POST") >= 5, TimeSpan.FromSeconds(60));

        // A single notification, as the outbox relay queues it: its row, then a message on the urgent lane.
        var row = new DeliveryRow { RunId = DeliveryTargets.RunIdFor("urgent-test"), RecipientId = "urgent-1", Audience = ReminderAudience.Volunteer, Message = ReminderMessages.Serialize(VolunteerBot.Dialogs.Conversation.OutgoingMessage.Of("紧急通知")) };
        var queued = Assert.Single(await host.Get<ReminderDeliveryStore>().InsertNewAsync(row.RunId, [row], _ct));
        var before = connector.Calls.Count(c => c.Method == "POST");
        await host.Get<IDeliveryQueue>().SendAsync(DeliveryLane.Urgent, new QueueTicket(queued.RunId, queued.RecipientId, queued.ETag, queued.Message).ToBody(), _ct);

        var calls = await connector.WaitForAsync(c => c.Any(x => x.Path.Contains("urgent-1", StringComparison.Ordinal)), TimeSpan.FromSeconds(120));
        await host.Get<ReminderSender>().StopAsync(_ct);

        var posts = calls.Where(c => c.Method == "POST").ToList();
        var at = posts.FindIndex(c => c.Path.Contains("urgent-1", StringComparison.Ordinal));
        Assert.True(at - before < 20, $"the notification went out {at - before} sends after it was queued");
        Assert.True(users.Count - posts.Take(at).Count() > 60, "the run still had most of its messages waiting");
    }
}

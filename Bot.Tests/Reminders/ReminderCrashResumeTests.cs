using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Reminders;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Delivery;
using VolunteerBot.Storage.Delivery;

namespace VolunteerBot.Tests.Reminders;

/// <summary>
/// 300 recipients through the real queue on Azurite and the loopback connector, with 500s and a 429 injected.
/// The first sender stops dead after half of them (its rows final, its queue messages not deleted, others still
/// in its hands); a second instance finishes. Every recipient gets exactly one message.
/// </summary>
public sealed class ReminderCrashResumeTests
{
    [Fact]
    public async Task Senders_FirstStopsMidwayAfterMarkingBeforeDeleting_SecondFinishesWithoutLossOrDuplicate()
    {
        var account = await TestStorage.CreateAccountAsync();
        await using var connector = await FakeConnector.StartAsync();
        var users = Enumerable.Range(0, 300).Select(i => $"vol-{i:D3}").ToList();
        await ReminderTestHost.SeedReferencesAsync(account, connector.Url, users);
        await using var a = ReminderTestHost.Create(account, TimeProvider.System, new FixedPlanner(users));
        var runner = a.Get<ReminderRunner>();
        var run = await runner.TryClaimAsync(new Quarter(2026, 4), ReminderKind.Manual, "manual-crash", "manual", "c", CancellationToken.None);
        await runner.ExecuteAsync(run!, CancellationToken.None);
        await account.Queue(StorageNames.ReminderQueue).SendMessageAsync("not json");
        connector.Inject(500, 3);
        connector.Inject(429, 1, retryAfter: "1");

        var completed = 0;
        var frozen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var crash = new CancellationTokenSource();
        var senderA = a.Get<ReminderSender>();
        senderA.BeforeDelete = async (_, _) =>
        {
            if (Interlocked.Increment(ref completed) > 150)
            {
                frozen.TrySetResult();
                await Task.Delay(Timeout.Infinite, crash.Token); // dead: marked, never deleted
            }
        };
        await senderA.StartAsync(CancellationToken.None);
        await frozen.Task.WaitAsync(TimeSpan.FromSeconds(120)); // generous: the 2 cores and Azurite are shared
        var stopping = senderA.StopAsync(CancellationToken.None);
        await crash.CancelAsync();
        await stopping;
        var sentByA = a.Get<ReminderSenderStats>().Sent;
        Assert.InRange(sentByA, 151, 299);

        await using var b = ReminderTestHost.Create(account, TimeProvider.System, new FixedPlanner(users));
        await b.Get<ReminderSender>().StartAsync(CancellationToken.None);
        var runs = b.Get<IReminderRuns>();
        var summary = await WaitAsync(() => runs.GetAsync(run!.RunId, CancellationToken.None), s => s is { Pending: 0 }, TimeSpan.FromSeconds(120));
        // B takes back what A held as soon as it starts, so the run can finish before the message A marked but never
        // deleted becomes visible again (2 s): wait for B to meet that message and suppress it, then stop.
        await WaitAsync(() => Task.FromResult(b.Get<ReminderSenderStats>().DuplicatesSuppressed), n => n >= 1, TimeSpan.FromSeconds(120));
        await b.Get<ReminderSender>().StopAsync(CancellationToken.None);

        Assert.Equal(300, summary!.Sent);
        Assert.Equal(0, summary.Failed + summary.Unreachable);
        var sends = connector.Calls.Where(c => c.Method == "POST").ToList();
        Assert.Equal(300 + 4, sends.Count); // every recipient once, plus the four injected failures retried
        Assert.Equal(300, sends.Select(c => c.Path).Distinct().Count());
        Assert.Equal(300, a.Get<ReminderSenderStats>().Sent + b.Get<ReminderSenderStats>().Sent);
        Assert.True(b.Get<ReminderSenderStats>().DuplicatesSuppressed >= 1);
        // Most rows were claimed with the ETag their queue message carried, without a read first.
        Assert.True(a.Get<ReminderSenderStats>().FastClaims + b.Get<ReminderSenderStats>().FastClaims >= 290);
        Assert.True(a.Get<ReminderSenderStats>().Throttled + b.Get<ReminderSenderStats>().Throttled == 1);
        var dead = await b.Get<ReminderDeadLetterStore>().ListAsync("unknown", CancellationToken.None);
        Assert.Contains(dead, d => d.Reason == "unreadable queue message");
    }

    [Fact]
    public async Task ResendFailedAsync_FailedRecipients_QueuedAgainAndDeliveredOnce()
    {
        var account = await TestStorage.CreateAccountAsync();
        await using var connector = await FakeConnector.StartAsync();
        var users = new[] { "r-1", "r-2", "r-3" };
        await ReminderTestHost.SeedReferencesAsync(account, connector.Url, users);
        await using var host = ReminderTestHost.Create(account, TimeProvider.System, new FixedPlanner(users), sending: o => o.MaxAttempts = 1);
        var runner = host.Get<ReminderRunner>();
        var run = await runner.TryClaimAsync(new Quarter(2026, 4), ReminderKind.Manual, "manual-resend", "manual", "c", CancellationToken.None);
        await runner.ExecuteAsync(run!, CancellationToken.None);
        connector.Inject(500, 1);
        var runs = host.Get<IReminderRuns>();

        await host.Get<ReminderSender>().StartAsync(CancellationToken.None);
        var first = await WaitAsync(() => runs.GetAsync(run!.RunId, CancellationToken.None), s => s is { Pending: 0 }, TimeSpan.FromSeconds(30));
        Assert.Equal((2, 1), (first!.Sent, first.Failed));

        Assert.Equal(1, await runs.ResendFailedAsync(run!.RunId, CancellationToken.None));
        Assert.Equal(0, await runs.ResendFailedAsync(run.RunId, CancellationToken.None));
        var second = await WaitAsync(() => runs.GetAsync(run.RunId, CancellationToken.None), s => s is { Sent: 3 }, TimeSpan.FromSeconds(30));
        await host.Get<ReminderSender>().StopAsync(CancellationToken.None);

        Assert.Equal(0, second!.Failed);
        Assert.Equal(3, connector.Calls.Where(c => c.Method == "POST").Select(c => c.Path).Distinct().Count());
        Assert.Equal(4, connector.Calls.Count(c => c.Method == "POST"));
    }

    /// <summary>Polls storage (the senders are real background work on a real clock) until the condition holds.</summary>
    internal static async Task<T> WaitAsync<T>(Func<Task<T>> read, Func<T, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read();
            if (condition(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met in time; last value: {value}");
            }

            await Task.Delay(100);
        }
    }
}

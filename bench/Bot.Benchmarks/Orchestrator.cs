using VolunteerBot.Channel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Reminders;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Reminders;
using VolunteerBot.Storage;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Delivery;
using VolunteerBot.Storage.Delivery;
using VolunteerBot.Storage.Reminders;

namespace VolunteerBot.Benchmarks;

public sealed record BenchmarkSettings(string Storage, int Recipients, double KillAt, double ErrorRate, string? Out);

/// <summary>
/// One reminder run to N recipients through the real queue on Azurite: seeds conversation references, claims and
/// fans out the run (production code), starts the sender as a child process, optionally kills it (SIGKILL) once
/// KillAt × N messages have arrived and starts a fresh one, and checks the connector's record: every recipient
/// exactly once.
/// </summary>
public static class Orchestrator
{
    public static async Task<int> RunAsync(BenchmarkSettings settings)
    {
        var prefix = "b" + Guid.NewGuid().ToString("N")[..10];
        var account = new StorageAccount(settings.Storage, prefix);
        await new StorageInitializer(account, NullLogger<StorageInitializer>.Instance).StartAsync(CancellationToken.None);
        await using var connector = new LimitEnforcingConnector(settings.ErrorRate);
        await connector.StartAsync();
        Log($"connector {connector.Url}, storage prefix {prefix}, {settings.Recipients} recipients, kill at {settings.KillAt:P0}, 500 rate {settings.ErrorRate:P1}");

        var users = Enumerable.Range(0, settings.Recipients).Select(i => $"bench-{i:D6}").ToList();
        var seed = Stopwatch.StartNew();
        var references = new ConversationReferenceTableStore(account);
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, ct) =>
            await references.SaveAsync(new ConversationReference
            {
                ConversationId = "a:" + id, ConversationType = "personal", ServiceUrl = connector.Url,
                TenantId = "bench-tenant", AadObjectId = id, UpdatedAt = DateTimeOffset.UtcNow,
            }, ct));
        Log($"seeded {users.Count} conversation references in {seed.Elapsed.TotalSeconds:F1} s");

        var total = Stopwatch.StartNew();
        var monitor = new ProcessMonitor();
        var sender = StartSender(settings.Storage, prefix, monitor);

        var identity = new SenderIdentity();
        var runs = new ReminderRunStore(account);
        var deliveries = new ReminderDeliveryStore(account);
        var fanOut = new ReminderFanOut(new DeliveryQueue(account), runs, deliveries, references, identity, new QueueSignal(), TimeProvider.System, NullLogger<ReminderFanOut>.Instance);
        var run = await runs.TryClaimAsync(new ReminderRunRecord
        {
            Quarter = new Quarter(2026, 4), KindKey = "manual-bench", Kind = ReminderKind.Manual, Trigger = "manual",
            ClaimedAt = DateTimeOffset.UtcNow, ClaimedBy = identity.Id, FanOutHeartbeat = DateTimeOffset.UtcNow,
        }, CancellationToken.None) ?? throw new InvalidOperationException("run already claimed");
        // The fan-out runs while the loop below watches the deliveries, as in production (the sender starts on the
        // first queue message), so a kill at 50 % lands at 50 % even when it falls inside the fan-out.
        var fanOutClock = Stopwatch.StartNew();
        var fanOutTask = Task.Run(async () =>
        {
            await fanOut.RunAsync(run, new LetterPlan(users, run.RunId), CancellationToken.None);
            var seconds = fanOutClock.Elapsed.TotalSeconds;
            Log($"fan-out: {users.Count} rows and queue messages in {seconds:F1} s");
            return seconds;
        });

        var killed = false;
        var restarts = 0;
        var deadline = Stopwatch.StartNew();
        var lastReport = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(250);
            var delivered = connector.Deliveries.Count;
            if (lastReport.Elapsed >= TimeSpan.FromSeconds(10))
            {
                lastReport.Restart();
                Log($"delivered {delivered}/{settings.Recipients}, 429 answered {connector.TooManyRequests}, 500 injected {connector.ServerErrors}");
            }

            if (!killed && settings.KillAt > 0 && delivered >= settings.KillAt * settings.Recipients)
            {
                Log($"killing sender pid {sender.Id} (SIGKILL) at {delivered} delivered");
                sender.Kill(entireProcessTree: true);
                await sender.WaitForExitAsync();
                killed = true;
                restarts++;
                sender = StartSender(settings.Storage, prefix, monitor);
            }

            if (fanOutTask.IsFaulted)
            {
                await fanOutTask; // surfaces the fan-out's exception
            }

            if (delivered >= settings.Recipients && fanOutTask.IsCompleted)
            {
                var counts = await deliveries.CountAsync(run.RunId, CancellationToken.None);
                if (counts[DeliveryStatus.Queued] + counts[DeliveryStatus.Sending] == 0)
                {
                    break;
                }
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(20))
            {
                Log("timed out after 20 minutes");
                break;
            }
        }

        var totalSeconds = total.Elapsed.TotalSeconds;
        var fanOutSeconds = await fanOutTask;

        // Let a late duplicate show itself: keep the sender running for a while after completion.
        await Task.Delay(TimeSpan.FromSeconds(35));
        sender.Kill(entireProcessTree: true);
        await sender.WaitForExitAsync();

        var final = await deliveries.CountAsync(run.RunId, CancellationToken.None);
        var report = Report(settings, connector, monitor, final, totalSeconds, fanOutSeconds, restarts);
        Console.WriteLine(report);
        if (settings.Out is not null)
        {
            await File.AppendAllTextAsync(settings.Out, report + Environment.NewLine);
        }

        var ok = connector.Deliveries.Count == settings.Recipients && connector.Deliveries.Values.All(v => v == 1) && final[DeliveryStatus.Sent] == settings.Recipients;
        return ok ? 0 : 1;
    }

    private static string Report(BenchmarkSettings s, LimitEnforcingConnector c, ProcessMonitor m, IReadOnlyDictionary<DeliveryStatus, int> final,
        double totalSeconds, double fanOutSeconds, int restarts)
    {
        var times = c.DeliveredAt.ToArray();
        var f = (double)Stopwatch.Frequency;
        var deliverySeconds = (times[^1] - times[0]) / f;

        // Sustained rate: deliveries per whole 10-second window, from the first delivery, median and best.
        var windows = times.GroupBy(t => (int)((t - times[0]) / f / 10)).OrderBy(g => g.Key).Select(g => g.Count() / 10.0).ToList();
        var full = windows.Count > 2 ? windows.Skip(1).SkipLast(1).ToList() : windows;
        var median = full.Order().ElementAt(full.Count / 2);
        var duplicates = c.Deliveries.Values.Sum(v => v - 1);
        var lost = s.Recipients - c.Deliveries.Count;
        var sb = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine(inv, $"### {s.Recipients} recipients, {(restarts > 0 ? $"sender killed (SIGKILL) at {s.KillAt:P0} and restarted" : "no kill")}, {s.ErrorRate:P0} injected 500s");
        sb.AppendLine();
        sb.AppendLine("| measure | value |");
        sb.AppendLine("|---|---|");
        sb.AppendLine(inv, $"| delivered (distinct recipients at the connector) | {c.Deliveries.Count} |");
        sb.AppendLine(inv, $"| duplicates | {duplicates} |");
        sb.AppendLine(inv, $"| lost | {lost} |");
        sb.AppendLine(inv, $"| delivery rows: sent / failed / unreachable / pending | {final[DeliveryStatus.Sent]} / {final[DeliveryStatus.Failed]} / {final[DeliveryStatus.Unreachable]} / {final[DeliveryStatus.Queued] + final[DeliveryStatus.Sending]} |");
        sb.AppendLine(inv, $"| total time (fan-out start → all rows final) | {totalSeconds:F1} s |");
        sb.AppendLine(inv, $"| fan-out (rows + queue messages) | {fanOutSeconds:F1} s |");
        sb.AppendLine(inv, $"| first → last delivery | {deliverySeconds:F1} s |");
        sb.AppendLine(inv, $"| average rate (first → last delivery) | {c.Deliveries.Count / deliverySeconds:F1} msg/s |");
        sb.AppendLine(inv, $"| sustained rate (median 10 s window; best) | {median:F1} msg/s; {full.Max():F1} msg/s |");
        sb.AppendLine(inv, $"| requests / 429 answered / 500 injected | {c.Requests} / {c.TooManyRequests} / {c.ServerErrors} |");
        sb.AppendLine(inv, $"| sender peak working set (max over processes) | {m.PeakWorkingSet / 1048576.0:F0} MB |");
        sb.AppendLine(inv, $"| sender peak GC heap / committed | {m.PeakGcHeap / 1048576.0:F0} MB / {m.PeakGcCommitted / 1048576.0:F0} MB |");
        sb.AppendLine(inv, $"| sender processes / last stats | {restarts + 1} / {m.LastStats} |");
        return sb.ToString();
    }

    private static Process StartSender(string storage, string prefix, ProcessMonitor monitor)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (!Environment.ProcessPath!.EndsWith("VolunteerBot.Benchmarks", StringComparison.Ordinal))
        {
            start.ArgumentList.Add(typeof(Orchestrator).Assembly.Location);
        }

        foreach (var a in new[] { "sender", "--storage", storage, "--prefix", prefix })
        {
            start.ArgumentList.Add(a);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("sender did not start");
        process.OutputDataReceived += (_, e) => monitor.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("[sender] " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Log($"sender started, pid {process.Id}");
        return process;
    }

    internal static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    /// <summary>The letters: a real volunteer reminder card (about 1 KB), one per recipient.</summary>
    private sealed class LetterPlan(IReadOnlyList<string> users, string runId) : IReminderPlan
    {
        private readonly OutgoingMessage _letter = OutgoingMessage.Of(ReminderCards.VolunteerLetter(Localizer.For(Language.ZhCn),
            new ReminderRunContext(runId, new Quarter(2026, 4), ReminderKind.MidQuarter, DateTimeOffset.UtcNow)));

        public IReadOnlyList<ReminderRecipient> Recipients { get; } = [.. users.Select(u => new ReminderRecipient(u, ReminderAudience.Volunteer))];

        public Task<OutgoingMessage> ComposeAsync(ReminderRecipient recipient, CancellationToken cancellationToken) => Task.FromResult(_letter);
    }
}

/// <summary>Peak memory over every sender process, from their STATS lines.</summary>
public sealed class ProcessMonitor
{
    private readonly object _gate = new();

    public long PeakWorkingSet { get; private set; }
    public long PeakGcHeap { get; private set; }
    public long PeakGcCommitted { get; private set; }
    public string LastStats { get; private set; } = "";

    public void OnLine(string? line)
    {
        if (line is null || !line.StartsWith("STATS ", StringComparison.Ordinal))
        {
            if (line is not null)
            {
                Console.WriteLine("[sender] " + line);
            }

            return;
        }

        lock (_gate)
        {
            LastStats = line[6..line.IndexOf(" ws=", StringComparison.Ordinal)];
            foreach (var part in line.Split(' '))
            {
                var kv = part.Split('=');
                if (kv.Length != 2 || !long.TryParse(kv[1], CultureInfo.InvariantCulture, out var v))
                {
                    continue;
                }

                switch (kv[0])
                {
                    case "peakws": PeakWorkingSet = Math.Max(PeakWorkingSet, v); break;
                    case "gcheap": PeakGcHeap = Math.Max(PeakGcHeap, v); break;
                    case "gccommitted": PeakGcCommitted = Math.Max(PeakGcCommitted, v); break;
                }
            }
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using VolunteerBot.Channel;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Delivery;
using VolunteerBot.Storage.Reminders;

namespace VolunteerBot.Benchmarks;

public sealed record DeployedSettings(
    string Storage,
    string BotDll,
    int Recipients,
    TimeSpan Latency,
    double ErrorRate,
    double KillAt,
    bool Create,
    int? AzuritePid,
    string Label,
    string? Out,
    string LogDir);

/// <summary>
/// The deployed shape: ONE bot process (the Release build of Bot, fan-out and senders together, as App Service runs
/// it) in local mode on Azurite. The committee sends 立即提醒 through /api/messages; a loopback connector in this
/// process enforces Teams' limits and records every delivery. Seeds N registered volunteers (with a personal
/// conversation each, or — <see cref="DeployedSettings.Create"/> — only a roster entry with a Teams id, so every send
/// first creates the chat). Optionally SIGKILLs the bot once KillAt × N have arrived and starts it again with the
/// same instance id. Measures the rate between the 5th and 95th percentile delivery, first → last, 429s, lost,
/// duplicates, per-second counts, the bot's peak RSS and the emulator's CPU, and a storage probe (one small table
/// read every 100 ms) that shows when the emulator stalls.
/// </summary>
public static class DeployedRun
{
    private const string TenantId = "bench-tenant";
    private const string CommitteeId = "3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b01";
    private const string TeamId = "19:bench-team@thread.tacv2";
    private const string BotId = "28:bench-bot";
    private const string InstanceId = "bench-bot";
    private static readonly double Tick = Stopwatch.Frequency;

    public static async Task<int> RunAsync(DeployedSettings s)
    {
        Directory.CreateDirectory(s.LogDir);
        var account = new StorageAccount(s.Storage);
        await new StorageInitializer(account, NullLogger<StorageInitializer>.Instance).StartAsync(CancellationToken.None);
        await using var connector = new LimitEnforcingConnector(s.ErrorRate, s.Latency);
        await connector.StartAsync();
        Log($"{s.Label}: connector {connector.Url}, {s.Recipients} volunteers, latency {s.Latency.TotalMilliseconds} ms, 500s {s.ErrorRate:P1}, kill at {s.KillAt:P0}, {(s.Create ? "no conversations (create, then send)" : "personal conversations stored")}");

        var users = Enumerable.Range(0, s.Recipients).Select(i => $"bench-{i:D6}").ToList();
        await SeedAsync(account, connector.Url, users, s.Create);

        var port = FreePort();
        var bot = new BotProcess(s.BotDll, port, s.Storage, Path.Combine(s.LogDir, "bot-1.log"));
        var samples = new Sampler(s.AzuritePid);
        bot.Start();
        samples.Track(bot);
        await bot.WaitReadyAsync(TimeSpan.FromMinutes(2));
        Log($"bot ready on {port} (pid {bot.Pid})");

        using var probeStop = new CancellationTokenSource();
        var probe = new StorageProbe(account);
        var probing = probe.RunAsync(probeStop.Token);
        var sampling = samples.RunAsync(probeStop.Token);

        var started = Stopwatch.GetTimestamp();
        var cpuAtStart = samples.AzuriteCpuSeconds();
        await SayAsync(port, connector.Url, "立即提醒");
        Log("立即提醒 sent through /api/messages");

        var deliveries = new ReminderDeliveryStore(account);
        var runs = new ReminderRunStore(account);
        long? killedAt = null, restartedAt = null, readyAgainAt = null;
        IReadOnlyList<string> held = [];
        BotProcess? second = null;
        var lastReport = Stopwatch.StartNew();
        var deadline = Stopwatch.StartNew();
        string? runId = null;
        long? fanOutDoneAt = null;
        var timedOut = false;
        while (true)
        {
            await Task.Delay(200);
            var delivered = Volunteers(connector).Count;
            if (lastReport.Elapsed >= TimeSpan.FromSeconds(10))
            {
                lastReport.Restart();
                Log($"delivered {delivered}/{s.Recipients}, 429 {connector.TooManyRequests}, 500 {connector.ServerErrors}, creates {connector.Creates.Count}, bot rss {samples.LastRssMb:F0} MB");
            }

            runId ??= (await runs.ListAsync(Quarter.Of(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")), CancellationToken.None))
                .Where(r => r.Kind == ReminderKind.Manual).MaxBy(r => r.ClaimedAt)?.RunId;
            if (fanOutDoneAt is null && runId is not null && (await runs.GetAsync(runId, CancellationToken.None))?.FanOutDone == true)
            {
                fanOutDoneAt = Stopwatch.GetTimestamp();
                Log($"fan-out done after {(fanOutDoneAt.Value - started) / Tick:F1} s");
            }

            if (killedAt is null && s.KillAt > 0 && delivered >= s.KillAt * s.Recipients)
            {
                bot.Kill();
                killedAt = Stopwatch.GetTimestamp();
                held = [.. (await deliveries.ListHeldByInstanceAsync(InstanceId, "", CancellationToken.None)).Select(r => r.RecipientId)];
                Log($"SIGKILLed the bot at {delivered} delivered; it held {held.Count} rows in Sending");
                second = new BotProcess(s.BotDll, port, s.Storage, Path.Combine(s.LogDir, "bot-2.log"));
                second.Start();
                restartedAt = Stopwatch.GetTimestamp();
                samples.Track(second);
                await second.WaitReadyAsync(TimeSpan.FromMinutes(2));
                readyAgainAt = Stopwatch.GetTimestamp();
                Log($"bot restarted (pid {second.Pid}), ready after {(readyAgainAt.Value - killedAt.Value) / Tick:F1} s");
            }

            if (delivered >= s.Recipients && fanOutDoneAt is not null && runId is not null)
            {
                var counts = await deliveries.CountAsync(runId, CancellationToken.None);
                if (counts[DeliveryStatus.Queued] + counts[DeliveryStatus.Sending] == 0)
                {
                    break;
                }
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(25))
            {
                Log("timed out after 25 minutes");
                timedOut = true;
                break;
            }
        }

        var finished = Stopwatch.GetTimestamp();
        var cpuAtEnd = samples.AzuriteCpuSeconds();

        // Let a late duplicate show itself: a killed process's messages reappear after their 30 s visibility.
        await Task.Delay(s.KillAt > 0 ? TimeSpan.FromSeconds(35) : TimeSpan.FromSeconds(3));
        await probeStop.CancelAsync();
        await probing;
        await sampling;
        (second ?? bot).Kill();
        var final = runId is null ? null : await deliveries.CountAsync(runId, CancellationToken.None);

        var report = Report(s, connector, samples, probe, final, started, finished, fanOutDoneAt, killedAt, restartedAt, readyAgainAt, held, cpuAtStart, cpuAtEnd, timedOut);
        Console.WriteLine(report.Markdown);
        if (s.Out is not null)
        {
            await File.AppendAllTextAsync(s.Out, report.Markdown + Environment.NewLine);
        }

        await File.WriteAllTextAsync(Path.Combine(s.LogDir, "seconds.csv"), report.Csv);

        return report.Ok ? 0 : 1;
    }

    /// <summary>Delivered volunteer conversations (the committee's digest and its turn reply are counted apart).</summary>
    private static List<(long At, string Conversation)> Volunteers(LimitEnforcingConnector c) =>
        [.. c.Delivered.Where(d => d.Conversation.Contains("bench-", StringComparison.Ordinal))];

    private static async Task SeedAsync(StorageAccount account, string serviceUrl, IReadOnlyList<string> users, bool create)
    {
        var clock = Stopwatch.StartNew();
        var divisions = new DivisionTableStore(account);
        var division = (await divisions.CreateAsync("基准测试处", DateTimeOffset.UtcNow, CancellationToken.None)).Division!;
        var volunteers = new VolunteerTableStore(account);
        var references = new ConversationReferenceTableStore(account);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, ct) =>
        {
            await volunteers.SaveAsync(new VolunteerProfile(id, "志愿者" + id[^6..], division.Id, false, null, null), DateTimeOffset.UtcNow, today, ct);
            if (!create)
            {
                await references.SaveAsync(new ConversationReference
                {
                    ConversationId = "a:" + id, ConversationType = "personal", ServiceUrl = serviceUrl, TenantId = TenantId,
                    AadObjectId = id, ChannelUserId = "29:" + id, BotId = BotId, BotName = "学雷锋志愿服务", UpdatedAt = DateTimeOffset.UtcNow,
                }, ct);
            }
        });

        if (create)
        {
            // The roster as 导入名册 leaves it: Teams id, tenant and team for every member; the team's conversation
            // (the bot is installed there) gives the service URL and the bot's id for the create.
            await references.SaveAsync(new ConversationReference
            {
                ConversationId = TeamId, ConversationType = "channel", ServiceUrl = serviceUrl, TenantId = TenantId, TeamId = TeamId,
                TeamName = "基准测试", ChannelId = TeamId, BotId = BotId, BotName = "学雷锋志愿服务", UpdatedAt = DateTimeOffset.UtcNow,
            }, CancellationToken.None);
            await new StaffTableStore(account).ImportAsync(TeamId,
                [.. users.Select(id => new StaffMember(id, "志愿者" + id[^6..], null, "29:" + id, TenantId))], DateTimeOffset.UtcNow, CancellationToken.None);
        }

        Log($"seeded {users.Count} volunteers{(create ? " and roster entries (no conversations)" : " with personal conversations")} in {clock.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task SayAsync(int port, string serviceUrl, string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString(),
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:committee", ["name"] = "张书记", ["aadObjectId"] = CommitteeId },
            ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = TenantId, ["id"] = "a:committee" },
            ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "学雷锋志愿服务" },
            ["locale"] = "zh-CN",
            ["text"] = text,
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var response = await http.PostAsJsonAsync($"http://127.0.0.1:{port}/api/messages", activity);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"/api/messages answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }

    internal static void Log(string message) => Console.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

    private sealed record Result(string Markdown, string Csv, bool Ok);

    private static Result Report(DeployedSettings s, LimitEnforcingConnector c, Sampler m, StorageProbe probe, IReadOnlyDictionary<DeliveryStatus, int>? final,
        long started, long finished, long? fanOutDoneAt, long? killedAt, long? restartedAt, long? readyAgainAt, IReadOnlyList<string> held,
        double cpuAtStart, double cpuAtEnd, bool timedOut)
    {
        var inv = CultureInfo.InvariantCulture;
        var all = Volunteers(c);
        var firstByConversation = all.GroupBy(d => d.Conversation).ToDictionary(g => g.Key, g => g.Min(d => d.At));
        var times = firstByConversation.Values.Order().ToArray();
        var n = s.Recipients;
        var distinct = times.Length;
        var duplicates = all.Count - distinct;
        var lost = n - distinct;
        double P(double q) => (times[Math.Clamp((int)Math.Ceiling(q * n) - 1, 0, times.Length - 1)] - times[0]) / Tick;
        var p5 = times.Length > 0 ? P(0.05) : 0;
        var p95 = times.Length > 0 ? P(0.95) : 0;
        var p5to95 = times.Length > 0 ? ((Math.Ceiling(0.95 * n) - Math.Ceiling(0.05 * n)) / (p95 - p5)) : 0;
        var firstToLast = times.Length > 1 ? (times[^1] - times[0]) / Tick : 0;
        var first = times.Length > 0 ? times[0] : started;

        // Per-second counts from the first delivery: deliveries, 429s, the storage probe's slowest answer.
        var seconds = times.Length > 0 ? (int)Math.Ceiling(firstToLast) + 1 : 0;
        var perSecond = new int[Math.Max(seconds, 1)];
        foreach (var t in all.Select(d => d.At))
        {
            var i = (int)((t - first) / Tick);
            if (i >= 0 && i < perSecond.Length)
            {
                perSecond[i]++;
            }
        }

        var tooMany = new int[perSecond.Length];
        foreach (var t in c.TooManyAt)
        {
            var i = (int)((t - first) / Tick);
            if (i >= 0 && i < tooMany.Length)
            {
                tooMany[i]++;
            }
        }

        var probeMax = probe.MaxPerSecond(first, perSecond.Length);
        var csv = new StringBuilder("second,delivered,429,probe_max_ms,bot_rss_mb,azurite_cpu_pct\n");
        for (var i = 0; i < perSecond.Length; i++)
        {
            csv.AppendLine(inv, $"{i},{perSecond[i]},{tooMany[i]},{probeMax[i]:F0},{m.RssAt(first, i):F0},{m.AzuriteCpuAt(first, i):F0}");
        }

        // The middle of the run (5th–95th percentile): the seconds below 45 msg/s, and how many of them the probe saw slow.
        var midFrom = (int)p5 + 1;
        var midTo = Math.Max(midFrom, (int)p95 - 1);
        var mid = Enumerable.Range(midFrom, Math.Max(0, midTo - midFrom + 1)).Where(i => i < perSecond.Length).ToList();
        var dips = mid.Where(i => perSecond[i] < 45).ToList();
        var slowProbeDips = dips.Count(i => probeMax[i] >= 100 || (i > 0 && probeMax[i - 1] >= 100));
        var sorted = mid.Select(i => perSecond[i]).Order().ToList();
        var median = sorted.Count > 0 ? sorted[sorted.Count / 2] : 0;

        var sb = new StringBuilder();
        sb.AppendLine(inv, $"### {s.Label}");
        sb.AppendLine();
        sb.AppendLine(inv, $"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores; {n} volunteers, connector latency {s.Latency.TotalMilliseconds:F0} ms, {s.ErrorRate:P0} injected 500s{(s.Create ? ", no conversation yet (create, then send)" : "")}{(s.KillAt > 0 ? $", SIGKILL at {s.KillAt:P0}" : "")}{(timedOut ? " — **timed out**" : "")}");
        sb.AppendLine();
        sb.AppendLine("| measure | value |");
        sb.AppendLine("|---|---|");
        sb.AppendLine(inv, $"| delivered (distinct volunteers) / lost / duplicates | {distinct} / {lost} / {duplicates} |");
        if (final is not null)
        {
            sb.AppendLine(inv, $"| delivery rows sent / failed / unreachable / pending | {final[DeliveryStatus.Sent]} / {final[DeliveryStatus.Failed]} / {final[DeliveryStatus.Unreachable]} / {final[DeliveryStatus.Queued] + final[DeliveryStatus.Sending]} |");
        }

        sb.AppendLine(inv, $"| **rate, 5th → 95th percentile delivery** | **{p5to95:F1} {(s.Create ? "people" : "msg")}/s** ({p5:F1} s → {p95:F1} s) |");
        sb.AppendLine(inv, $"| average, first → last delivery | {(firstToLast > 0 ? distinct / firstToLast : 0):F1}/s over {firstToLast:F1} s |");
        sb.AppendLine(inv, $"| median second (5th–95th) / seconds under 45 / of which the storage probe saw a stall ≥ 100 ms | {median} / {dips.Count} of {mid.Count} / {slowProbeDips} |");
        sb.AppendLine(inv, $"| 立即提醒 → first delivery / → last | {(first - started) / Tick:F1} s / {(times.Length > 0 ? (times[^1] - started) / Tick : 0):F1} s |");
        if (fanOutDoneAt is { } f)
        {
            sb.AppendLine(inv, $"| fan-out done after 立即提醒 | {(f - started) / Tick:F1} s |");
        }

        sb.AppendLine(inv, $"| requests / 429 answered (% of requests) / 500 injected / creates | {c.Requests} / {c.TooManyRequests} ({100.0 * c.TooManyRequests / Math.Max(1, c.Requests):F2} %) / {c.ServerErrors} / {c.Creates.Values.Sum()} for {c.Creates.Count} people |");
        sb.AppendLine(inv, $"| bot peak RSS (VmHWM; max over processes) | **{m.PeakRssMb:F0} MB** |");
        sb.AppendLine(inv, $"| Azurite CPU, 立即提醒 → last delivery (average / busiest second) | {(s.AzuritePid is null ? "n/a" : $"{100 * (cpuAtEnd - cpuAtStart) / ((finished - started) / Tick):F0} % / {m.PeakAzuriteCpu:F0} % of one core")} |");
        sb.AppendLine(inv, $"| storage probe (one small read every 100 ms): median / p99 / max | {probe.Percentile(0.5):F1} / {probe.Percentile(0.99):F0} / {probe.Percentile(1):F0} ms |");
        if (killedAt is { } k)
        {
            var heldSet = held.ToHashSet(StringComparer.Ordinal);
            var heldTimes = firstByConversation.Where(kv => heldSet.Contains(RecipientOf(kv.Key))).Select(kv => (kv.Value - k) / Tick).ToList();
            var afterRestart = restartedAt is { } r ? perSecondFrom(all, r) : [];
            var fullAt = Array.FindIndex(afterRestart, count => count >= 47);
            sb.AppendLine(inv, $"| kill → restarted process ready | {((readyAgainAt ?? k) - k) / Tick:F1} s |");
            sb.AppendLine(inv, $"| restarted process: first second at ≥ 47 msg/s | {(fullAt < 0 ? "never" : $"second {fullAt + 1} after its start ({((restartedAt!.Value - k) / Tick) + fullAt + 1:F1} s after the kill)")} |");
            sb.AppendLine(inv, $"| restarted process: first 10 seconds | {string.Join(" ", afterRestart.Take(10))} |");
            sb.AppendLine(inv, $"| rows the dead process held / delivered after the kill: last at | {held.Count} / {heldTimes.Count(t => t > 0)}: {(heldTimes.Count > 0 ? $"{heldTimes.Max():F1} s after the kill" : "—")} |");
        }

        sb.AppendLine();
        sb.AppendLine(inv, $"Per-second deliveries (from the first): {string.Join(" ", perSecond)}");
        var ok = !timedOut && lost == 0 && duplicates == 0;
        return new Result(sb.ToString(), csv.ToString(), ok);

        static int[] perSecondFrom(List<(long At, string Conversation)> all, long from)
        {
            var counts = new int[30];
            foreach (var (at, _) in all)
            {
                var i = (int)Math.Floor((at - from) / Tick);
                if (i >= 0 && i < counts.Length)
                {
                    counts[i]++;
                }
            }

            return counts;
        }
    }

    /// <summary>"a:bench-000123" or "a:created-29:bench-000123" → "bench-000123".</summary>
    private static string RecipientOf(string conversation) => conversation[conversation.IndexOf("bench-", StringComparison.Ordinal)..];
}

/// <summary>The bot as a child process: the Release build, local mode, the same instance id across restarts.</summary>
internal sealed class BotProcess(string dll, int port, string storage, string logFile)
{
    private Process? _process;

    public int Pid => _process?.Id ?? 0;

    public void Start()
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        // The content root as deployed: the app's own folder (its appsettings.json), not the repository, where the
        // configuration's file watcher would put an inotify watch on every folder of node_modules (~5,500).
        start.WorkingDirectory = Path.GetDirectoryName(Path.GetFullPath(dll))!;
        var env = start.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Development"; // local mode (no Bot Framework token) is allowed only there
        env["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        env["ConnectionStrings__Storage"] = storage;
        env["Bot__AllowLocalUnauthenticated"] = "true";
        env["Links__PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        env["Volunteering__CommitteeAadObjectIds__0"] = "3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b01";
        env["Reminders__Sending__InstanceId"] = "bench-bot";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Logging__LogLevel__VolunteerBot.Delivery"] = "Information";
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        _process = Process.Start(start) ?? throw new InvalidOperationException("the bot did not start");
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"the bot exited with {_process.ExitCode}; see {logFile}");
            }

            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{port}/healthz")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the bot was not ready in {timeout}; see {logFile}");
    }

    /// <summary>SIGKILL: no shutdown, no cleanup (what a crash or an OOM kill does).</summary>
    public void Kill()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }
}

/// <summary>Once a second: the bot's resident memory (and its peak, VmHWM) and Azurite's CPU time, from /proc.</summary>
internal sealed class Sampler(int? azuritePid)
{
    private readonly List<BotProcess> _bots = [];
    private readonly List<(long At, double RssMb, double AzuriteCpu)> _samples = [];
    private double _lastCpu = -1;
    private long _lastAt;

    public double PeakRssMb { get; private set; }

    public double LastRssMb { get; private set; }

    public double PeakAzuriteCpu { get; private set; }

    public void Track(BotProcess bot)
    {
        lock (_bots)
        {
            _bots.Add(bot);
        }
    }

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                Sample();
                await Task.Delay(1000, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }

        Sample();
    }

    private void Sample()
    {
        double rss = 0;
        lock (_bots)
        {
            foreach (var b in _bots)
            {
                var (now, peak) = Memory(b.Pid);
                rss = Math.Max(rss, now);
                PeakRssMb = Math.Max(PeakRssMb, peak);
            }
        }

        LastRssMb = rss;
        var at = Stopwatch.GetTimestamp();
        var cpu = AzuriteCpuSeconds();
        double pct = 0;
        if (_lastCpu >= 0 && at > _lastAt)
        {
            pct = 100 * (cpu - _lastCpu) / ((at - _lastAt) / (double)Stopwatch.Frequency);
            PeakAzuriteCpu = Math.Max(PeakAzuriteCpu, pct);
        }

        (_lastCpu, _lastAt) = (cpu, at);
        lock (_samples)
        {
            _samples.Add((at, rss, pct));
        }
    }

    public double RssAt(long from, int second) => At(from, second).RssMb;

    public double AzuriteCpuAt(long from, int second) => At(from, second).AzuriteCpu;

    private (long At, double RssMb, double AzuriteCpu) At(long from, int second)
    {
        var t = from + (long)((second + 1) * (double)Stopwatch.Frequency);
        lock (_samples)
        {
            return _samples.Count == 0 ? default : _samples.MinBy(x => Math.Abs(x.At - t));
        }
    }

    private static (double Now, double Peak) Memory(int pid)
    {
        try
        {
            double now = 0, peak = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    now = Kb(line) / 1024;
                }
                else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kb(line) / 1024;
                }
            }

            return (now, peak);
        }
        catch (IOException)
        {
            return (0, 0); // exited
        }

        static double Kb(string line) => double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }

    /// <summary>Azurite's user + system CPU time so far (seconds), from /proc/&lt;pid&gt;/stat; 0 when unknown.</summary>
    public double AzuriteCpuSeconds()
    {
        if (azuritePid is not { } pid)
        {
            return 0;
        }

        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After "pid (comm) ": state is field 3, utime 14, stime 15 → indexes 11 and 12 here.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}

/// <summary>One small table read every 100 ms, timed: when the emulator stalls (its 5-s autosave, its GC), this sees it.</summary>
internal sealed class StorageProbe(StorageAccount account)
{
    private readonly List<(long At, double Ms)> _samples = [];

    public async Task RunAsync(CancellationToken stop)
    {
        var registry = new SenderRegistry(account);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var at = Stopwatch.GetTimestamp();
                await registry.GetAsync("probe-none", stop);
                var ms = Stopwatch.GetElapsedTime(at).TotalMilliseconds;
                lock (_samples)
                {
                    _samples.Add((at, ms));
                }

                await Task.Delay(100, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public double[] MaxPerSecond(long from, int seconds)
    {
        var max = new double[seconds];
        lock (_samples)
        {
            foreach (var (at, ms) in _samples)
            {
                var i = (int)((at - from) / (double)Stopwatch.Frequency);
                if (i >= 0 && i < seconds)
                {
                    max[i] = Math.Max(max[i], ms);
                }
            }
        }

        return max;
    }

    public double Percentile(double q)
    {
        lock (_samples)
        {
            if (_samples.Count == 0)
            {
                return 0;
            }

            var sorted = _samples.Select(s => s.Ms).Order().ToList();
            return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Links;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Trust;

/// <summary>
/// No working download token at rest or in telemetry (issue 13, item 7), through the real host on Azurite:
/// replay rows keep what a link points to and mint a fresh link on replay; /files/{token} paths are redacted in
/// request spans and log lines; a zip is built once, kept, and built once under concurrent downloads.
/// </summary>
public sealed partial class LinkTokenTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task InvokeReplay_AnswerWithALink_StoresNoTokenAndReplayMintsAFreshWorkingLink()
    {
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotFactory(connector);
        var account = bot.Service<StorageAccount>();
        await account.Container(StorageNames.DocumentsContainer).UploadBlobAsync("certificates/replay.pdf", new BinaryData("证书"u8.ToArray()), Ct);
        var link = await bot.Service<DownloadLinks>().CreateAsync(new LinkTarget(StorageNames.DocumentsContainer, "certificates/replay.pdf", "application/pdf", "证书.pdf"), null, Ct);
        var token = DownloadLinks.TokenOf(link.Url);
        var card = $$"""{"type":"AdaptiveCard","actions":[{"type":"Action.OpenUrl","title":"下载","url":"{{link.Url}}"}]}""";
        var replays = bot.Service<InvokeReplayStore>();
        Assert.True(await replays.TryClaimAsync("a:replay-conv", "f:tap-1", Ct));

        await replays.CompleteAsync("a:replay-conv", "f:tap-1", card, Ct);
        var replayed = await replays.GetResponseAsync("a:replay-conv", "f:tap-1", Ct);

        // At rest: neither the token nor any token-shaped string, in any column of the row.
        var row = (await account.Table(StorageNames.Idempotency).GetEntityAsync<TableEntity>("a:replay-conv", "f:tap-1", cancellationToken: Ct)).Value;
        var stored = string.Join("\n", row.Select(kv => kv.Value?.ToString()));
        Assert.DoesNotContain(token, stored, StringComparison.Ordinal);
        Assert.DoesNotMatch(TokenShape(), stored);
        Assert.Contains("certificates/replay.pdf", stored, StringComparison.Ordinal);

        // On replay: a different token that works, and the old one still works for its own holder.
        var fresh = TokenShape().Match(replayed!);
        Assert.True(fresh.Success, replayed);
        Assert.NotEqual(token, fresh.Value["/files/".Length..]);
        using var http = bot.CreateClient();
        using var download = await http.GetAsync(new Uri(fresh.Value, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("证书"u8.ToArray(), await download.Content.ReadAsByteArrayAsync());
        var minted = await bot.Service<DownloadLinks>().ResolveAsync(fresh.Value["/files/".Length..], Ct);
        Assert.Equal(link.ExpiresAt, minted!.ExpiresAt); // never outlives the link it replaces
    }

    [Fact]
    public async Task InvokeReplay_LinkExpiredBeforeReplay_GetsADeadPlaceholder()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 3, 0, 0, TimeSpan.Zero));
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotFactory(connector, time: time);
        var link = await bot.Service<DownloadLinks>().CreateAsync(new LinkTarget(StorageNames.DocumentsContainer, "x.pdf", "application/pdf", "x.pdf"), TimeSpan.FromHours(1), Ct);
        var replays = bot.Service<InvokeReplayStore>();
        Assert.True(await replays.TryClaimAsync("a:replay-conv", "f:tap-2", Ct));
        await replays.CompleteAsync("a:replay-conv", "f:tap-2", $$"""{"url":"{{link.Url}}"}""", Ct);

        time.Advance(TimeSpan.FromHours(2));
        var replayed = await replays.GetResponseAsync("a:replay-conv", "f:tap-2", Ct);

        Assert.DoesNotMatch(TokenShape(), replayed!);
        Assert.Contains("/files/" + InvokeReplayStore.ReplayedToken + "\"", replayed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_WithTracingAndRequestLogging_TokenNeverInLogsOrSpanTags()
    {
        await using var connector = await FakeConnector.StartAsync();
        var log = new RecordingLoggerProvider();
        await using var factory = new BotFactory(connector) { Replace = s => s.AddSingleton<ILoggerProvider>(log) };

        // Tracing on (an OTLP endpoint nobody listens on: spans are recorded, export quietly fails) and the framework's
        // request logging raised to Information, as an operator chasing a problem might set it. Host settings, so
        // the telemetry registration (which reads configuration while services are added) sees them.
        using var bot = factory.WithWebHostBuilder(b => b
            .UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9")
            .UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Information"));
        var spans = new List<Activity>();
        var taggedServerSpans = 0;
        var bothTagged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                lock (spans)
                {
                    spans.Add(a);
                }

                if (a.Kind == ActivityKind.Server && a.GetTagItem("http.request.method") is not null && Interlocked.Increment(ref taggedServerSpans) >= 2)
                {
                    bothTagged.TrySetResult();
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var account = bot.Services.GetRequiredService<StorageAccount>();
        await account.Container(StorageNames.DocumentsContainer).UploadBlobAsync("exports/telemetry.xlsx", new BinaryData("表格"u8.ToArray()), Ct);
        var link = await bot.Services.GetRequiredService<DownloadLinks>().CreateAsync(new LinkTarget(StorageNames.DocumentsContainer, "exports/telemetry.xlsx", "application/vnd.ms-excel", "t.xlsx"), null, Ct);
        var token = DownloadLinks.TokenOf(link.Url);
        using var http = bot.CreateClient();

        using var ok = await http.GetAsync(new Uri("/files/" + token, UriKind.Relative));
        using var bad = await http.GetAsync(new Uri("/files/" + token[..^1] + (token[^1] == 'A' ? "B" : "A") + "?x=" + token, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
        var secret = token[10..]; // the random part
        Assert.Contains(log.Entries, e => e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)); // request logging did run
        Assert.DoesNotContain(log.Entries, e => e.Message.Contains(secret, StringComparison.Ordinal) || e.Message.Contains(secret[..^1], StringComparison.Ordinal));
        // A server span stops when the host finishes the request, which can be just after the client has the response.
        await bothTagged.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        List<Activity> requests;
        lock (spans)
        {
            requests = [.. spans.Where(a => a.Kind == ActivityKind.Server)];
        }

        // The listener hears every host in the process (other test classes run alongside); this host's two requests are
        // the ones the instrumentation tagged, since only this host turned tracing on. Every server span is checked.
        Assert.True(requests.Count(span => span.GetTagItem("http.request.method") is not null) >= 2, "the instrumentation tagged this host's requests");
        foreach (var span in requests)
        {
            var text = span.DisplayName + " " + string.Join(" ", span.TagObjects.Select(t => t.Key + "=" + t.Value));
            Assert.DoesNotContain(secret[..20], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ZipDownload_SecondGetAndConcurrentGets_BuildOnceAndKeepTheBlob()
    {
        await using var connector = await FakeConnector.StartAsync();
        var log = new RecordingLoggerProvider();
        await using var bot = new BotFactory(connector) { Replace = s => s.AddSingleton<ILoggerProvider>(log) };
        var account = bot.Service<StorageAccount>();
        var links = bot.Service<DownloadLinks>();
        await account.Container(StorageNames.PhotoContainer).UploadBlobAsync("zip/a.jpg", new BinaryData(new byte[2048]), Ct);
        await account.Container(StorageNames.PhotoContainer).UploadBlobAsync("zip/b.jpg", new BinaryData(new byte[4096]), Ct);
        var entries = new[] { new ZipEntrySource(StorageNames.PhotoContainer, "zip/a.jpg", "a.jpg"), new ZipEntrySource(StorageNames.PhotoContainer, "zip/b.jpg", "b.jpg") };
        var once = new Uri(new Uri((await links.CreateZipAsync(entries, "once.zip", null, Ct)).Url).AbsolutePath, UriKind.Relative);
        var together = new Uri(new Uri((await links.CreateZipAsync(entries, "together.zip", null, Ct)).Url).AbsolutePath, UriKind.Relative);
        using var http = bot.CreateClient();
        int Builds() => log.Entries.Count(e => e.EventId == 8102);

        var first = await http.GetByteArrayAsync(once);
        var kept = await account.Container(StorageNames.FileContainer).GetBlobClient(DownloadLinks.BuiltZipName(
            (await links.ResolveAsync(once.OriginalString["/files/".Length..], Ct))!.Target.BlobName)).ExistsAsync(Ct);
        var second = await http.GetByteArrayAsync(once);
        Assert.True(kept.Value);
        Assert.Equal(1, Builds());
        Assert.Equal(first, second);

        var concurrent = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => http.GetByteArrayAsync(together)));
        Assert.Equal(2, Builds());
        Assert.All(concurrent, z => Assert.Equal(concurrent[0], z));
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(concurrent[0]));
        Assert.Equal(["a.jpg", "b.jpg"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [GeneratedRegex("/files/[0-9]{10}[A-Za-z0-9_-]{43}")]
    private static partial Regex TokenShape();
}

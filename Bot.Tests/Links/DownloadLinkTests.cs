using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Links;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Storage.Links;
using VolunteerBot.Jobs;

namespace VolunteerBot.Tests.Links;

/// <summary>The one link service: tokens, expiry, the cleanup of expired rows and of blobs that existed only for a link.</summary>
public sealed class DownloadLinkTests
{
    private static readonly DateTimeOffset Start = new(2025, 5, 6, 1, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static DownloadLinks Links(StorageAccount account, TimeProvider time) =>
        new(account, Options.Create(new LinkOptions { PublicBaseUrl = "https://bot.example.test/" }), time);

    private static string TokenOf(IssuedLink link) => link.Url["https://bot.example.test/files/".Length..];

    [Fact]
    public async Task Resolve_BeforeAndAfterExpiry_ReturnsLinkThenNothing()
    {
        var time = new FakeTimeProvider(Start);
        var links = Links(await TestStorage.CreateAccountAsync(), time);

        var link = await links.CreateAsync(new LinkTarget(StorageNames.PhotoContainer, "p/x.jpg", "image/jpeg", "x.jpg") { Inline = true }, TimeSpan.FromHours(2), Ct);
        var token = TokenOf(link);
        var fresh = await links.ResolveAsync(token, Ct);
        time.Advance(TimeSpan.FromHours(2));
        var expired = await links.ResolveAsync(token, Ct);

        Assert.StartsWith("https://bot.example.test/files/2025050603", link.Url, StringComparison.Ordinal); // the expiry hour leads the token
        Assert.Equal(53, token.Length); // 10 digits + 256 random bits in base64url
        Assert.Equal(Start.AddHours(2), link.ExpiresAt);
        Assert.Equal(("p/x.jpg", true, false), (fresh!.Target.BlobName, fresh.Target.Inline, fresh.Target.OwnsBlob));
        Assert.Null(expired);
    }

    [Fact]
    public async Task Resolve_MalformedOrTamperedToken_ReturnsNothing()
    {
        var time = new FakeTimeProvider(Start);
        var links = Links(await TestStorage.CreateAccountAsync(), time);
        var token = TokenOf(await links.CreateAsync(new LinkTarget(StorageNames.DocumentsContainer, "a.pdf", "application/pdf", "a.pdf"), TimeSpan.FromDays(30), Ct));

        // A later expiry hour with the same random part: the hash covers the whole token, so the row is not found.
        var extended = "2099" + token[4..];

        Assert.NotNull(await links.ResolveAsync(token, Ct));
        Assert.Null(await links.ResolveAsync(extended, Ct));
        Assert.Null(await links.ResolveAsync(token[..^1], Ct));
        Assert.Null(await links.ResolveAsync("../../etc/passwd", Ct));
        Assert.Null(await links.ResolveAsync("20250506xx" + token[10..], Ct));
        Assert.Null(await links.ResolveAsync(token[..10] + new string('A', 42) + "=", Ct));
    }

    [Fact]
    public async Task DeleteExpired_OnceTheExpiryHourHasEnded_DeletesRowsAndOwnedBlobsOnlyAndIsIdempotent()
    {
        var time = new FakeTimeProvider(Start);
        var account = await TestStorage.CreateAccountAsync();
        var links = Links(account, time);
        var documents = account.Container(StorageNames.DocumentsContainer);
        await documents.UploadBlobAsync("certificates/2025/LF-2025-000001.pdf", new BinaryData("pdf"u8.ToArray()), Ct);
        await documents.UploadBlobAsync("exports/2025-05-06/e.xlsx", new BinaryData("xlsx"u8.ToArray()), Ct);
        var certificate = await links.CreateAsync(new LinkTarget(StorageNames.DocumentsContainer, "certificates/2025/LF-2025-000001.pdf", "application/pdf", "c.pdf"), TimeSpan.FromMinutes(30), Ct);
        var export = await links.CreateAsync(new LinkTarget(StorageNames.DocumentsContainer, "exports/2025-05-06/e.xlsx", "application/xlsx", "e.xlsx") { OwnsBlob = true }, TimeSpan.FromMinutes(30), Ct);
        var zip = await links.CreateZipAsync([new ZipEntrySource(StorageNames.PhotoContainer, "p/a.jpg", "a.jpg")], "p.zip", TimeSpan.FromMinutes(30), Ct);
        var zipManifest = (await links.ResolveAsync(TokenOf(zip), Ct))!.Target.BlobName;
        var longLived = await links.CreateAsync(new LinkTarget(StorageNames.PhotoContainer, "p/a.jpg", "image/jpeg", "a.jpg") { Inline = true }, TimeSpan.FromDays(365), Ct);

        time.Advance(TimeSpan.FromMinutes(45)); // expired, but their expiry hour (01:00–02:00) has not ended yet
        var duringHour = await links.DeleteExpiredAsync(Ct);
        time.Advance(TimeSpan.FromMinutes(15)); // 02:00
        var afterHour = await links.DeleteExpiredAsync(Ct);
        var again = await links.DeleteExpiredAsync(Ct);

        Assert.Equal((0, 3, 0), (duringHour, afterHour, again));
        var rows = account.Table(StorageNames.DownloadLinks).QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: Ct);
        Assert.Equal(1, await rows.CountAsync(Ct));
        Assert.NotNull(await links.ResolveAsync(TokenOf(longLived), Ct));
        Assert.True((await documents.GetBlobClient("certificates/2025/LF-2025-000001.pdf").ExistsAsync(Ct)).Value); // certificates stay
        Assert.False((await documents.GetBlobClient("exports/2025-05-06/e.xlsx").ExistsAsync(Ct)).Value);
        Assert.False((await account.Container(StorageNames.FileContainer).GetBlobClient(zipManifest).ExistsAsync(Ct)).Value);
        Assert.Null(await links.ResolveAsync(TokenOf(certificate), Ct));
        Assert.Null(await links.ResolveAsync(TokenOf(export), Ct));
    }

    [Fact]
    public async Task CleanupService_OnAFakeClock_SweepsAfterTheInitialDelayAndEveryInterval()
    {
        var time = new FakeTimeProvider(Start);
        var account = await TestStorage.CreateAccountAsync();
        var options = new LinkOptions { PublicBaseUrl = "https://bot.example.test/", CleanupInitialDelay = TimeSpan.FromMinutes(2), CleanupInterval = TimeSpan.FromHours(1) };
        var links = new DownloadLinks(account, Options.Create(options), time);
        await links.CreateAsync(new LinkTarget(StorageNames.DocumentsContainer, "x.xlsx", "application/xlsx", "x.xlsx") { OwnsBlob = true }, TimeSpan.FromMinutes(30), Ct);
        var log = new CapturingLogger<DownloadLinkCleanupService>();
        var service = new DownloadLinkCleanupService(links, time, Options.Create(options), log);
        using var stop = new CancellationTokenSource();

        var run = service.RunAsync(stop.Token);
        time.Advance(TimeSpan.FromMinutes(2)); // 01:02, the link expires 01:30
        var first = await log.NextSweepAsync();
        time.Advance(TimeSpan.FromMinutes(58)); // 02:00, the first tick: the 01:00 hour has ended
        var second = await log.NextSweepAsync();
        time.Advance(TimeSpan.FromHours(1));
        var third = await log.NextSweepAsync();
        await stop.CancelAsync();
        await run;

        Assert.Equal((0, 1, 0), (first, second, third));
    }

    [Fact]
    public async Task Endpoint_Download_IsLoggedWithTheLinkIdAndNeverTheToken()
    {
        var time = new FakeTimeProvider(Start);
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotFactory(connector, new Dictionary<string, string?> { ["Hours:ConfirmationSweep:Enabled"] = "false" }, time);
        var log = new CapturingLoggerProvider();
        using var logged = bot.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(log)));
        var account = logged.Services.GetRequiredService<StorageAccount>();
        await account.Container(StorageNames.DocumentsContainer).UploadBlobAsync("exports/x.xlsx", new BinaryData("表格"u8.ToArray()), Ct);
        var link = await logged.Services.GetRequiredService<DownloadLinks>()
            .CreateAsync(new LinkTarget(StorageNames.DocumentsContainer, "exports/x.xlsx", "application/vnd.ms-excel", "积分公示.xlsx"), null, Ct);
        using var client = logged.CreateClient();

        var response = await client.GetAsync(new Uri(link.Url).AbsolutePath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("积分公示.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.True(response.Headers.CacheControl is { Private: true, NoStore: true });
        var line = Assert.Single(log.Messages, m => m.EventId == 8100);
        Assert.Contains("积分公示.xlsx", line.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(link.Url[^43..], line.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_InProductionWithoutAnHttpsBaseUrl_Refuses()
    {
        await using var connector = await FakeConnector.StartAsync();
        // Local mode is refused outside Development on its own (trust rules); switch it off to see the link check alone.
        await using var bot = new BotFactory(connector, new Dictionary<string, string?> { ["Bot:AllowLocalUnauthenticated"] = "false" });
        using var production = bot.WithWebHostBuilder(b => b.UseEnvironment("Production"));

        var error = Assert.Throws<OptionsValidationException>(() => production.Services.GetRequiredService<DownloadLinks>());

        Assert.Contains("Links:PublicBaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://app-volunteerbot-prod.azurewebsites.net", false, true)]
    [InlineData("https://bot.example.gov.cn/", false, true)]
    [InlineData("http://127.0.0.1:3978", true, true)]
    [InlineData("http://127.0.0.1:3978", false, false)] // the local default never reaches production
    [InlineData("app-volunteerbot-prod.azurewebsites.net", false, false)]
    [InlineData("https://bot.example.test/?x=1", false, false)]
    public void PublicBaseUrl_Validation_HttpsOutsideDevelopment(string url, bool development, bool valid) =>
        Assert.Equal(valid, new LinkOptions { PublicBaseUrl = url }.IsValidBaseUrl(development));

    private sealed class CapturingLogger<T> : ILogger<T>
    {
        private readonly Channel<int> _sweeps = System.Threading.Channels.Channel.CreateUnbounded<int>();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == 8102 && state is IReadOnlyList<KeyValuePair<string, object?>> values)
            {
                _sweeps.Writer.TryWrite((int)values.First(v => v.Key == "Count").Value!);
            }
        }

        public async Task<int> NextSweepAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await _sweeps.Reader.ReadAsync(timeout.Token);
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<(int EventId, string Text)> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue((eventId.Id, formatter(state, exception)));

        public void Dispose()
        {
        }
    }
}

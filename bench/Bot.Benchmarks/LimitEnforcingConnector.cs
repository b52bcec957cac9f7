using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace VolunteerBot.Benchmarks;

/// <summary>
/// A loopback Bot Connector that enforces Teams' documented limits and records deliveries:
/// 50 requests per second per app (any sliding one-second window), and per conversation 7 per second and
/// 60 per 30 seconds. Over a limit it answers 429 with Retry-After: 1; otherwise it answers a random 500 with
/// probability <see cref="ErrorRate"/>; otherwise 200 and the message counts as delivered.
/// </summary>
public sealed class LimitEnforcingConnector : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Queue<long> _appWindow = new();
    private readonly Dictionary<string, (Queue<long> Second, Queue<long> Thirty)> _conversations = new(StringComparer.Ordinal);
    private readonly Random _random = new(42);
    private WebApplication? _app;

    public LimitEnforcingConnector(double errorRate, int appLimit = 50)
    {
        ErrorRate = errorRate;
        AppLimit = appLimit;
    }

    public double ErrorRate { get; }

    public int AppLimit { get; }

    public string Url { get; private set; } = "";

    /// <summary>Successful deliveries per conversation (a count above 1 is a duplicate).</summary>
    public ConcurrentDictionary<string, int> Deliveries { get; } = new(StringComparer.Ordinal);

    /// <summary>Delivery timestamps (Stopwatch ticks) in order, for rates over time.</summary>
    public ConcurrentQueue<long> DeliveredAt { get; } = new();

    public long Delivered => DeliveredAt.Count;

    public long TooManyRequests;
    public long ServerErrors;
    public long Requests;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v3/conversations/{conversationId}/activities", Handle);
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
    }

    private async Task<IResult> Handle(HttpContext context, string conversationId)
    {
        // Read the whole body first: a request cut off by a killed sender is not a delivery.
        using var reader = new StreamReader(context.Request.Body);
        await reader.ReadToEndAsync();
        Interlocked.Increment(ref Requests);
        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var second = System.Diagnostics.Stopwatch.Frequency;
        lock (_gate)
        {
            Expire(_appWindow, now - second);
            if (!_conversations.TryGetValue(conversationId, out var conv))
            {
                conv = (new Queue<long>(), new Queue<long>());
                _conversations[conversationId] = conv;
            }

            Expire(conv.Second, now - second);
            Expire(conv.Thirty, now - (30 * second));
            if (_appWindow.Count >= AppLimit || conv.Second.Count >= 7 || conv.Thirty.Count >= 60)
            {
                Interlocked.Increment(ref TooManyRequests);
                context.Response.Headers.RetryAfter = "1";
                return Results.Json(new { error = new { code = "TooManyRequests", message = "Rate limit exceeded" } }, statusCode: 429);
            }

            _appWindow.Enqueue(now);
            conv.Second.Enqueue(now);
            conv.Thirty.Enqueue(now);
            if (_random.NextDouble() < ErrorRate)
            {
                Interlocked.Increment(ref ServerErrors);
                return Results.Json(new { error = new { code = "ServiceError", message = "injected" } }, statusCode: 500);
            }
        }

        Deliveries.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
        DeliveredAt.Enqueue(now);
        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }

    private static void Expire(Queue<long> window, long before)
    {
        while (window.Count > 0 && window.Peek() <= before)
        {
            window.Dequeue();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace VolunteerBot.Benchmarks;

/// <summary>
/// A loopback Bot Connector that enforces Teams' documented limits and records every delivery:
/// 50 requests per second per app (any sliding one-second window, every request counted: sends, creates, replies),
/// and per conversation 7 per 1 s, 8 per 2 s and 60 per 30 s (a create counts against the person's chat). Over a
/// limit it answers 429 with Retry-After: 1; otherwise a send or a create answers a random 500 with probability
/// <see cref="ErrorRate"/>; otherwise it waits <see cref="Latency"/> (the time Teams takes to answer) and answers 200.
/// Requests are timed when they arrive (the body read in full: a request cut off by a killed bot is not a delivery).
/// </summary>
public sealed class LimitEnforcingConnector : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly Queue<long> _appWindow = new();
    private readonly Dictionary<string, (Queue<long> One, Queue<long> Two, Queue<long> Thirty)> _conversations = new(StringComparer.Ordinal);
    private readonly Random _random = new(42);
    private WebApplication? _app;

    public LimitEnforcingConnector(double errorRate, TimeSpan latency, int appLimit = 50)
    {
        ErrorRate = errorRate;
        Latency = latency;
        AppLimit = appLimit;
    }

    public double ErrorRate { get; }

    public TimeSpan Latency { get; }

    public int AppLimit { get; }

    public string Url { get; private set; } = "";

    /// <summary>Successful sends per conversation (a count above 1 is a duplicate).</summary>
    public ConcurrentDictionary<string, int> Deliveries { get; } = new(StringComparer.Ordinal);

    /// <summary>Arrival (Stopwatch ticks) of every successful send, with its conversation.</summary>
    public ConcurrentQueue<(long At, string Conversation)> Delivered { get; } = new();

    /// <summary>Successful creates per member (Teams user id).</summary>
    public ConcurrentDictionary<string, int> Creates { get; } = new(StringComparer.Ordinal);

    /// <summary>Arrival of every request answered 429.</summary>
    public ConcurrentQueue<long> TooManyAt { get; } = new();

    public long TooManyRequests;
    public long ServerErrors;
    public long Requests;
    public long Replies;

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/v3/conversations", (Func<HttpContext, Task<IResult>>)HandleCreate);
        _app.MapPost("/v3/conversations/{conversationId}/activities", HandleSend);
        _app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", HandleReply);
        _app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", HandleReply);
        await _app.StartAsync();
        Url = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
    }

    private async Task<IResult> HandleSend(HttpContext context, string conversationId)
    {
        using var reader = new StreamReader(context.Request.Body);
        await reader.ReadToEndAsync();
        var now = Stopwatch.GetTimestamp();
        if (Admit(conversationId, now, injectErrors: true) is { } refused)
        {
            return refused;
        }

        await Delay();
        Deliveries.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
        Delivered.Enqueue((now, conversationId));
        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }

    private async Task<IResult> HandleCreate(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = JsonNode.Parse(await reader.ReadToEndAsync());
        var member = body?["members"]?[0]?["id"]?.GetValue<string>() ?? "unknown";
        var now = Stopwatch.GetTimestamp();
        if (Admit("create:" + member, now, injectErrors: true) is { } refused)
        {
            return refused;
        }

        await Delay();
        Creates.AddOrUpdate(member, 1, (_, n) => n + 1);
        return Results.Json(new { id = "a:created-" + member });
    }

    private async Task<IResult> HandleReply(HttpContext context, string conversationId, string activityId)
    {
        using var reader = new StreamReader(context.Request.Body);
        await reader.ReadToEndAsync();
        Interlocked.Increment(ref Replies);
        if (Admit(conversationId, Stopwatch.GetTimestamp(), injectErrors: false) is { } refused)
        {
            return refused;
        }

        await Delay();
        return Results.Json(new { id = Guid.NewGuid().ToString("N") });
    }

    private Task Delay() => Latency > TimeSpan.Zero ? Task.Delay(Latency) : Task.CompletedTask;

    private IResult? Admit(string key, long now, bool injectErrors)
    {
        Interlocked.Increment(ref Requests);
        var second = Stopwatch.Frequency;
        lock (_gate)
        {
            Expire(_appWindow, now - second);
            if (!_conversations.TryGetValue(key, out var conv))
            {
                conv = (new Queue<long>(), new Queue<long>(), new Queue<long>());
                _conversations[key] = conv;
            }

            Expire(conv.One, now - second);
            Expire(conv.Two, now - (2 * second));
            Expire(conv.Thirty, now - (30 * second));
            if (_appWindow.Count >= AppLimit || conv.One.Count >= 7 || conv.Two.Count >= 8 || conv.Thirty.Count >= 60)
            {
                Interlocked.Increment(ref TooManyRequests);
                TooManyAt.Enqueue(now);
                return WithRetryAfter(Results.Json(new { error = new { code = "TooManyRequests", message = "Rate limit exceeded" } }, statusCode: 429));
            }

            _appWindow.Enqueue(now);
            conv.One.Enqueue(now);
            conv.Two.Enqueue(now);
            conv.Thirty.Enqueue(now);
            if (injectErrors && _random.NextDouble() < ErrorRate)
            {
                Interlocked.Increment(ref ServerErrors);
                return Results.Json(new { error = new { code = "ServiceError", message = "injected" } }, statusCode: 500);
            }
        }

        return null;
    }

    private static IResult WithRetryAfter(IResult inner) => new RetryAfterResult(inner);

    private sealed class RetryAfterResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "1";
            return inner.ExecuteAsync(httpContext);
        }
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

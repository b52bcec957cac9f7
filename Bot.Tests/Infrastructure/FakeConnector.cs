using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VolunteerBot.Tests.Infrastructure;

/// <summary>One HTTP call the bot made to the fake connector.</summary>
public sealed record ConnectorCall(string Method, string Path, string? Authorization, string Body, DateTimeOffset At)
{
    public JsonNode? Json => Body.Length == 0 ? null : JsonNode.Parse(Body);

    /// <summary>The first Adaptive Card in the activity body, if any.</summary>
    public JsonObject? Card => Json?["attachments"]?[0]?["content"] as JsonObject;

    public string? Text => Json?["text"]?.GetValue<string>();

    public string CardText => Card?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "";
}

/// <summary>
/// A loopback stand-in for the Bot Connector (where Teams itself would be): a real Kestrel server that
/// records every call and can be told to answer 429 (with Retry-After), 500 or 403 next.
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly ConcurrentQueue<(int Status, string? RetryAfter, string? Body)> _injected = new();
    private readonly List<ConnectorCall> _calls = [];
    private readonly object _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeConnector()
    {
    }

    public string Url { get; private set; } = "";

    /// <summary>Files served on GET at a path (e.g. "/attachments/a1"), as Teams serves attachment content.</summary>
    public ConcurrentDictionary<string, (string ContentType, byte[] Bytes)> Files { get; } = new();

    /// <summary>
    /// Teams user ids ("29:…") for which creating a 1:1 conversation answers this status (403: the app is not
    /// installed for them; 404: not found) instead of a new conversation id.
    /// </summary>
    public ConcurrentDictionary<string, int> CreateRefusals { get; } = new();

    /// <summary>Members returned by the paged members API, in pages of the requested size.</summary>
    public List<JsonObject> Members { get; } = [];

    public IReadOnlyList<ConnectorCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<FakeConnector> StartAsync()
    {
        var fake = new FakeConnector();
        (fake._app, var address) = await LoopbackServer.StartAsync(app => app.Run(fake.HandleAsync));
        fake.Url = address + "/";
        return fake;
    }

    /// <summary>The next call(s) answer with this status (and Retry-After seconds for 429).</summary>
    public void Inject(int status, int count = 1, string? retryAfter = null, string? body = null)
    {
        for (var i = 0; i < count; i++)
        {
            _injected.Enqueue((status, retryAfter, body));
        }
    }

    /// <summary>Waits (event-driven, no polling sleeps) until the recorded calls satisfy <paramref name="condition"/>.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForAsync(Func<IReadOnlyList<ConnectorCall>, bool> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (condition(_calls))
                {
                    return [.. _calls];
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The fake connector did not see the expected calls. Seen: {string.Join(", ", Calls.Select(c => c.Method + " " + c.Path))}");
            }
        }
    }

    /// <summary>
    /// As <see cref="WaitForAsync(Func{IReadOnlyList{ConnectorCall}, bool}, TimeSpan?)"/> for a bot on a fake clock: proactive
    /// sends go through the shared rate limiter, whose budget refills on that clock, so while the calls are not there yet
    /// the clock moves on a second at a time.
    /// </summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForAsync(Func<IReadOnlyList<ConnectorCall>, bool> condition, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            try
            {
                return await WaitForAsync(condition, TimeSpan.FromMilliseconds(250));
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }
    }

    public Task<IReadOnlyList<ConnectorCall>> WaitForCountAsync(int count, TimeSpan? timeout = null) =>
        WaitForAsync(c => c.Count >= count, timeout);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value + context.Request.QueryString.Value;
        var call = new ConnectorCall(context.Request.Method, path, context.Request.Headers.Authorization.FirstOrDefault(), body, DateTimeOffset.UtcNow);
        lock (_gate)
        {
            _calls.Add(call);
            var previous = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            previous.TrySetResult();
        }

        if (_injected.TryDequeue(out var injected))
        {
            context.Response.StatusCode = injected.Status;
            if (injected.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = injected.RetryAfter;
            }

            await context.Response.WriteAsync(injected.Body ?? "{\"error\":{\"code\":\"Injected\",\"message\":\"injected failure\"}}");
            return;
        }

        if (context.Request.Method == "GET" && Files.TryGetValue(context.Request.Path.Value!, out var file))
        {
            context.Response.ContentType = file.ContentType;
            context.Response.ContentLength = file.Bytes.Length;
            await context.Response.Body.WriteAsync(file.Bytes);
            return;
        }

        context.Response.ContentType = "application/json";
        if (context.Request.Path.Value!.EndsWith("/pagedmembers", StringComparison.Ordinal))
        {
            await WriteMembersPageAsync(context);
            return;
        }

        if (context.Request.Method == "POST" && context.Request.Path.Value!.TrimEnd('/').EndsWith("/v3/conversations", StringComparison.Ordinal))
        {
            var member = call.Json?["members"]?[0]?["id"]?.GetValue<string>() ?? "";
            if (CreateRefusals.TryGetValue(member, out var refused))
            {
                context.Response.StatusCode = refused;
                await context.Response.WriteAsync("{\"error\":{\"code\":\"" + (refused == 403 ? "Forbidden" : "NotFound") + "\",\"message\":\"refused\"}}");
                return;
            }

            // A stable id per member, as Teams answers: creating the same 1:1 chat twice finds the same conversation.
            await context.Response.WriteAsync($"{{\"id\":\"a:created-{member.Replace(":", "-", StringComparison.Ordinal)}\"}}");
            return;
        }

        await context.Response.WriteAsync($"{{\"id\":\"{Guid.NewGuid():N}\"}}");
    }

    private async Task WriteMembersPageAsync(HttpContext context)
    {
        var size = int.TryParse(context.Request.Query["pageSize"], out var s) ? s : 100;
        var start = int.TryParse(context.Request.Query["continuationToken"], out var t) ? t : 0;
        var page = new JsonArray();
        foreach (var m in Members.Skip(start).Take(size))
        {
            page.Add(m.DeepClone());
        }

        var result = new JsonObject { ["members"] = page };
        if (start + size < Members.Count)
        {
            result["continuationToken"] = (start + size).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await context.Response.WriteAsync(result.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

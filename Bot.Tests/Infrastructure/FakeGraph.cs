using System.Collections.Concurrent;
using System.Text;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VolunteerBot.Tests.Infrastructure;

/// <summary>
/// A loopback stand-in for Microsoft Graph (where Graph itself would be): answers
/// <c>POST /v1.0/users/{id}/teamwork/installedApps</c> with 201, records the calls, and runs
/// <see cref="OnInstalled"/> (a test lets the fake connector open the chat from then on, as Teams would).
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    private WebApplication _app = null!;

    private FakeGraph()
    {
    }

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<(string Path, string? Authorization, string Body)> Calls { get; } = new();

    public Action<string>? OnInstalled { get; set; }

    public static async Task<FakeGraph> StartAsync()
    {
        var fake = new FakeGraph();
        (fake._app, var address) = await LoopbackServer.StartAsync(app => app.Run(fake.HandleAsync));
        fake.BaseUrl = address + "/v1.0";
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? "";
        Calls.Enqueue((context.Request.Method + " " + path, context.Request.Headers.Authorization.FirstOrDefault(), body));
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (context.Request.Method == "POST" && parts is ["v1.0", "users", var user, "teamwork", "installedApps"])
        {
            OnInstalled?.Invoke(user);
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"id\":\"installation-" + user + "\"}");
            return;
        }

        context.Response.StatusCode = 404;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("{\"error\":{\"code\":\"NotFound\",\"message\":\"no such resource\"}}");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>A token credential that hands out a fixed token (the managed identity, in tests).</summary>
public sealed class StaticTokenCredential(string token) : TokenCredential
{
    public List<string> Scopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        lock (Scopes)
        {
            Scopes.AddRange(requestContext.Scopes);
        }

        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}

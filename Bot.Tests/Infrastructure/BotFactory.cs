using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace VolunteerBot.Tests.Infrastructure;

/// <summary>
/// The real bot (Program, Kestrel pipeline via the test host) on Azurite with a fresh table prefix, talking to
/// a <see cref="FakeConnector"/>. Requests arrive from loopback in local mode unless a test sets a token.
/// </summary>
public sealed class BotFactory : WebApplicationFactory<Program>
{
    public const string CommitteeId = "c0000000-0000-4000-8000-000000000001";
    public const string TenantId = "72f988bf-0000-4000-8000-00000000c0de";

    private readonly Dictionary<string, string?> _settings;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _missingTexts = new();

    public BotFactory(FakeConnector connector, IDictionary<string, string?>? settings = null, FakeTimeProvider? time = null)
    {
        Connector = connector;
        Time = time;
        Prefix = TestStorage.NewPrefix();
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Storage"] = TestStorage.ConnectionString,
            ["Storage:TablePrefix"] = Prefix,
            ["Bot:AllowLocalUnauthenticated"] = "true",
            ["Bot:AppId"] = "00000000-0000-0000-0000-00000000b075",
            ["Volunteering:CommitteeAadObjectIds:0"] = CommitteeId,

            // No scheduled quarterly run surprises a test whose clock lands on a due date; forced runs still work.
            ["Reminders:Enabled"] = "false",

            // Nor does the announcement sweep announce the projects a test stores directly; its tests call it.
            ["Reminders:AnnouncementSweep:Enabled"] = "false",
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            _settings[k] = v;
        }

        VolunteerBot.Dialogs.Localization.TextCatalog.MissingText += OnMissingText;
    }

    public FakeConnector Connector { get; }

    public FakeTimeProvider? Time { get; }

    public string Prefix { get; }

    /// <summary>The host environment (default Development, as local runs and most tests use).</summary>
    public string Environment { get; init; } = "Development";

    /// <summary>Service replacements for one test (e.g. a store double that fails once); set before the first request.</summary>
    public Action<IServiceCollection>? Replace { get; init; }

    /// <summary>
    /// Fails the test if any text was missing while this bot ran: the turn's error handler or a job's catch may have
    /// swallowed the <see cref="VolunteerBot.Dialogs.Localization.MissingTextException"/> (keys under "test." are the
    /// catalogue tests' own).
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        VolunteerBot.Dialogs.Localization.TextCatalog.MissingText -= OnMissingText;
        await base.DisposeAsync();
        if (!_missingTexts.IsEmpty)
        {
            throw new InvalidOperationException("Texts missing from the catalogue while the bot ran: " + string.Join(", ", _missingTexts.Distinct()));
        }
    }

    private void OnMissingText(VolunteerBot.Dialogs.Localization.Language language, string key)
    {
        if (!key.StartsWith("test.", StringComparison.Ordinal))
        {
            _missingTexts.Enqueue(VolunteerBot.Dialogs.Localization.LanguageCodes.Code(language) + ":" + key);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection(_settings));
        if (Replace is not null)
        {
            builder.ConfigureServices(Replace);
        }

        if (Time is not null)
        {
            builder.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)));
        }
    }

    /// <summary>POSTs an activity to /api/messages from 127.0.0.1 (as the Playground would).</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SendAsync(JsonObject activity, string? authorization = null, IPAddress? from = null)
    {
        var json = activity.ToJsonString();
        var context = await Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/api/messages";
            c.Request.ContentType = "application/json";
            c.Connection.RemoteIpAddress = from ?? IPAddress.Loopback;
            if (authorization is not null)
            {
                c.Request.Headers.Authorization = authorization;
            }

            c.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        });
        using var reader = new StreamReader(context.Response.Body);
        var text = await reader.ReadToEndAsync();
        return ((HttpStatusCode)context.Response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>POSTs raw bytes (Content-Length set) and returns the status.</summary>
    public Task<HttpStatusCode> SendRawAsync(byte[] body, string? authorization = null, IPAddress? from = null, string contentType = "application/json") =>
        SendStreamAsync(new MemoryStream(body), authorization, from, contentType, body.Length);

    /// <summary>POSTs a body stream (no Content-Length unless given, as a chunked request) and returns the status.</summary>
    public async Task<HttpStatusCode> SendStreamAsync(Stream body, string? authorization = null, IPAddress? from = null,
        string contentType = "application/json", long? contentLength = null, string? host = null)
    {
        var context = await Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = "/api/messages";
            c.Request.ContentType = contentType;
            c.Request.ContentLength = contentLength;
            c.Connection.RemoteIpAddress = from ?? IPAddress.Loopback;
            if (host is not null)
            {
                c.Request.Host = new Microsoft.AspNetCore.Http.HostString(host);
            }

            if (authorization is not null)
            {
                c.Request.Headers.Authorization = authorization;
            }

            c.Request.Body = body;
        });
        return (HttpStatusCode)context.Response.StatusCode;
    }

    /// <summary>Sends an Action.Execute invoke and returns the card that replaces the acted-on card.</summary>
    public async Task<JsonObject?> ExecuteAsync(TestUser user, string verb, object? data = null)
    {
        var (status, body) = await SendAsync(TestActivities.Invoke(Connector.Url, user, verb, data));
        if (status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Invoke {verb} answered {(int)status}");
        }

        return body?["value"] as JsonObject;
    }

    /// <summary>Says something in the user's personal chat; returns once the bot answered it.</summary>
    public async Task<HttpStatusCode> SayAsync(TestUser user, string text) =>
        (await SendAsync(TestActivities.Message(Connector.Url, user, text))).Status;

    public T Service<T>() where T : notnull => Services.GetRequiredService<T>();
}

/// <summary>A person in the fake tenant.</summary>
public sealed record TestUser(string AadObjectId, string Name)
{
    public string ChannelId => "29:" + AadObjectId;

    public string ConversationId => "a:personal-" + AadObjectId;

    public static readonly TestUser Committee = new(BotFactory.CommitteeId, "张书记");

    public static TestUser New(string name) => new(Guid.NewGuid().ToString(), name);
}

public static class CardText
{
    /// <summary>All text of a card (or any JSON) with Chinese unescaped, for assertions.</summary>
    public static string Of(JsonNode? node) =>
        node?.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "";
}

using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Channel;
using VolunteerBot.Channel.Connector;
using VolunteerBot.Channel.Schema;
using VolunteerBot.Delivery.RateLimiting;
using VolunteerBot.Hosting;
using VolunteerBot.Tests.Channel;

namespace VolunteerBot.Tests.Delivery;

/// <summary>
/// The reminder sender's rate-limit slot is taken when the HTTP client writes the request to a connection, not when
/// the call starts: a request that waits for a connection (every pooled one busy with a slow answer, or a new one
/// being opened) must not leave right behind the next one, or the two reach Teams closer than the limiter spaced
/// them (a 429). The production connector client over a scripted HTTP handler ("connections" handed out by the
/// test), on a fake clock.
/// </summary>
public sealed class WireGateTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SendToConversationAsync_RequestWaitedForAConnection_SlotTakenWhenWrittenSoTheNextKeepsTheWindow()
    {
        var time = new FakeTimeProvider(T0);
        var wire = new ScriptedWire(time);
        await using var services = Services(time, wire);
        var throttle = new DeliveryThrottle(time, appLimit: 1, appWindow: TimeSpan.FromSeconds(1));
        var client = new ThrottledConnectorClient(services.GetRequiredService<IConnectorClient>(), throttle);

        // A: a connection at once, written at 0.
        wire.Connect(0);
        var a = Send(client, "a:1");
        Assert.Equal(T0, await wire.Written(0));
        await a;

        // B starts at 1.0 s and waits half a second for a connection.
        time.Advance(TimeSpan.FromSeconds(1));
        var b = Send(client, "a:2");
        await wire.Entered(1);
        time.Advance(TimeSpan.FromMilliseconds(500));
        wire.Connect(1);
        Assert.Equal(T0.AddSeconds(1.5), await wire.Written(1));
        await b;

        // C has a connection at once, but B reached the wire at 1.5 s: C leaves a full window later, at 2.5 s
        // (taking the slot before the call, B would have counted from 1.0 s and C gone out at 2.0 s).
        wire.Connect(2);
        var c = Send(client, "a:3");
        await wire.Writing(2);
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(wire.Written(2).IsCompleted, "C was written 0.5 s after B");
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.Equal(T0.AddSeconds(2.5), await wire.Written(2));
        await c;
    }

    [Fact]
    public async Task SendToConversationAsync_ConnectionFailedBeforeWriting_NoSlotTaken()
    {
        var time = new FakeTimeProvider(T0);
        var wire = new ScriptedWire(time);
        await using var services = Services(time, wire);
        var throttle = new DeliveryThrottle(time, appLimit: 1, appWindow: TimeSpan.FromSeconds(1));
        var client = new ThrottledConnectorClient(services.GetRequiredService<IConnectorClient>(), throttle);

        wire.Refuse(0);
        var refused = await Assert.ThrowsAsync<ConnectorException>(() => Send(client, "a:1"));
        Assert.Equal(0, refused.StatusCode);

        // Nothing reached the wire, so the next send goes at once.
        wire.Connect(1);
        await Send(client, "a:2");
        Assert.Equal(T0, await wire.Written(1));
    }

    private static Task<ResourceResponse> Send(IConnectorClient client, string conversation) =>
        client.SendToConversationAsync("http://127.0.0.1:9/", conversation, new Activity { Type = "message", Text = "hi" }, CancellationToken.None);

    private static ServiceProvider Services(FakeTimeProvider time, ScriptedWire wire)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<BotOptions>().Configure(o =>
        {
            o.AppId = "00000000-0000-0000-0000-00000000b075";
            o.AllowLocalUnauthenticated = true;
        });
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton<ITokenProvider>(new FixedTokenProvider("t", hasCredential: false));
        services.AddSingleton<ConnectorDelay>(new RecordingDelay());
        services.AddVolunteerConnector();
        services.AddHttpClient(ConnectorClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => wire);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Request n waits until the test hands it a connection (<see cref="Connect"/>), then writes its body; the time on
    /// the fake clock when the body is written is the time it "reaches Teams".
    /// </summary>
    private sealed class ScriptedWire(TimeProvider time) : HttpMessageHandler
    {
        private readonly Slot[] _slots = [new(), new(), new(), new()];
        private int _next;

        public void Connect(int n) => _slots[n].Connection.TrySetResult(true);

        public void Refuse(int n) => _slots[n].Connection.TrySetResult(false);

        public Task Entered(int n) => _slots[n].Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public Task Writing(int n) => _slots[n].Writing.Task.WaitAsync(TimeSpan.FromSeconds(30));

        public Task<DateTimeOffset> Written(int n) => _slots[n].Written.Task;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var slot = _slots[Interlocked.Increment(ref _next) - 1];
            slot.Entered.TrySetResult();
            if (!await slot.Connection.Task.ConfigureAwait(false))
            {
                throw new HttpRequestException("connection refused");
            }

            using var body = new MemoryStream();
            var copy = request.Content!.CopyToAsync(body, cancellationToken); // runs to the limiter's wait at once
            slot.Writing.TrySetResult();
            await copy.ConfigureAwait(false);
            slot.Written.TrySetResult(time.GetUtcNow());
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"id\":\"x\"}") };
        }

        private sealed class Slot
        {
            public TaskCompletionSource<bool> Connection { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public TaskCompletionSource Writing { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public TaskCompletionSource<DateTimeOffset> Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}

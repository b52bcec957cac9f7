using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Channel;
using VolunteerBot.Channel.Connector;
using VolunteerBot.Hosting;

namespace VolunteerBot.Tests.Channel;

/// <summary>A fixed token instead of MSAL, so no Entra is reached.</summary>
public sealed class FixedTokenProvider(string token, bool hasCredential = true) : ITokenProvider
{
    public int Requests;

    public bool HasCredential { get; } = hasCredential;

    public Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Requests);
        return Task.FromResult(token);
    }
}

/// <summary>Records the waits the retry rules ask for and returns at once: tests never sleep.</summary>
public sealed class RecordingDelay() : ConnectorDelay(TimeProvider.System)
{
    public ConcurrentQueue<TimeSpan> Waits { get; } = new();

    public override Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        Waits.Enqueue(delay);
        return Task.CompletedTask;
    }
}

/// <summary>The production connector registration with the token and the delay swapped for test doubles.</summary>
public sealed class ConnectorHarness : IDisposable
{
    public const string Token = "test-bot-token";

    private readonly ServiceProvider _services;

    public ConnectorHarness(Action<BotOptions>? configure = null, bool hasCredential = true)
    {
        Tokens = new FixedTokenProvider(Token, hasCredential);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOptions<BotOptions>().Configure(o =>
        {
            o.AppId = "00000000-0000-0000-0000-00000000b075";
            o.AllowLocalUnauthenticated = true;
            configure?.Invoke(o);
        });
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<ITokenProvider>(Tokens);
        services.AddSingleton<ConnectorDelay>(Delay);
        services.AddVolunteerConnector();
        _services = services.BuildServiceProvider();
        Client = _services.GetRequiredService<IConnectorClient>();
    }

    public IConnectorClient Client { get; }

    public FixedTokenProvider Tokens { get; }

    public RecordingDelay Delay { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 5, 2, 0, 0, TimeSpan.Zero));

    public void Dispose() => _services.Dispose();
}

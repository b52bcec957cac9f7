using System.Net;

namespace VolunteerBot.Channel.Connector;

/// <summary>
/// A wait run at the moment a connector request is written to its connection, not when the call starts. The
/// reminder sender sets it (<c>ThrottledConnectorClient</c>) to take its rate-limit slot there: a request that first
/// waits for a connection of the HTTP client (a new one being opened, or every pooled one busy with a slow answer)
/// takes its slot when it actually leaves, so requests reach Teams spaced as the limiter spaced them, not bunched
/// behind the connection they waited for. Flows with the async call (like <see cref="ConnectorRetry.SingleAttempt"/>).
/// </summary>
public static class ConnectorWireGate
{
    private static readonly AsyncLocal<Func<CancellationToken, Task>?> Flow = new();

    /// <summary>The wait for requests started in this async flow, or null.</summary>
    public static Func<CancellationToken, Task>? Current => Flow.Value;

    /// <summary>Requests started in the returned scope (same async flow) run <paramref name="gate"/> just before their body is written.</summary>
    public static IDisposable Use(Func<CancellationToken, Task> gate)
    {
        var previous = Flow.Value;
        Flow.Value = gate;
        return new Restore(previous);
    }

    /// <summary>A JSON body that runs <paramref name="gate"/> when the HTTP client writes it to the connection.</summary>
    internal static HttpContent Content(byte[] body, Func<CancellationToken, Task> gate) => new GatedContent(body, gate);

    private sealed class Restore(Func<CancellationToken, Task>? previous) : IDisposable
    {
        public void Dispose() => Flow.Value = previous;
    }

    private sealed class GatedContent(byte[] body, Func<CancellationToken, Task> gate) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await gate(cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}

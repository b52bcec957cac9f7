using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VolunteerBot.Hosting;

/// <summary>The bot's own traces and metrics (exported through OpenTelemetry when configured).</summary>
public static class BotTelemetry
{
    public const string Name = "VolunteerBot";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> TurnDuration = Meter.CreateHistogram<double>("volunteerbot.turn.duration", "ms", "Time to process one inbound activity");

    public static readonly Counter<long> ConnectorCalls = Meter.CreateCounter<long>("volunteerbot.connector.calls", description: "Bot Connector calls by operation and status");

    public static readonly Counter<long> ConnectorThrottled = Meter.CreateCounter<long>("volunteerbot.connector.throttled", description: "429 answers from the Bot Connector");
}

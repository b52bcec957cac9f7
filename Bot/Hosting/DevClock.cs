using System.Globalization;
using System.Net;

namespace VolunteerBot.Hosting;

/// <summary>
/// The test clock of a local run (Development and <c>Bot:AllowLocalUnauthenticated</c> only): the system clock moved by an
/// offset that a walkthrough sets through <c>POST /_dev/clock?advance=02:30:00</c> (or <c>?offset=…</c> to set it,
/// <c>?reset=true</c> to clear it) from loopback, so "the activity has ended" can be tried without waiting. Every
/// component that reads the injected <see cref="TimeProvider"/> — turns, sweeps, timers' notion of now — sees the moved
/// time. Never registered anywhere else: the endpoint answers 404 outside a local run.
/// </summary>
public sealed class DevClock : TimeProvider
{
    private long _offsetTicks;

    public TimeSpan Offset
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));
        set => Interlocked.Exchange(ref _offsetTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>Only in Development with local unauthenticated mode on: the same conditions local mode itself demands.</summary>
    public static bool Allowed(IHostEnvironment environment, IConfiguration configuration) =>
        environment.IsDevelopment() && string.Equals(configuration["Bot:AllowLocalUnauthenticated"], "true", StringComparison.OrdinalIgnoreCase);

    public static void Map(WebApplication app)
    {
        app.MapMethods("/_dev/clock", ["GET", "POST"], (HttpContext http, IServiceProvider services) =>
        {
            if (services.GetService<DevClock>() is not { } clock || services.GetRequiredService<TimeProvider>() != clock)
            {
                return Results.NotFound();
            }

            var remote = http.Connection.RemoteIpAddress;
            if (remote is null || !IPAddress.IsLoopback(remote))
            {
                return Results.StatusCode(403);
            }

            var q = http.Request.Query;
            if (HttpMethods.IsPost(http.Request.Method))
            {
                if (string.Equals(q["reset"], "true", StringComparison.OrdinalIgnoreCase))
                {
                    clock.Offset = TimeSpan.Zero;
                }
                else if (TimeSpan.TryParse(q["advance"], CultureInfo.InvariantCulture, out var by))
                {
                    clock.Offset += by;
                }
                else if (TimeSpan.TryParse(q["offset"], CultureInfo.InvariantCulture, out var to))
                {
                    clock.Offset = to;
                }
                else
                {
                    return Results.BadRequest("Use ?advance=hh:mm:ss, ?offset=[d.]hh:mm:ss or ?reset=true.");
                }
            }

            return Results.Json(new DevClockState(clock.GetUtcNow(), clock.Offset.ToString("c", CultureInfo.InvariantCulture)), DevClockJson.Default.DevClockState);
        });
    }
}

public sealed record DevClockState(DateTimeOffset Now, string Offset);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(DevClockState))]
internal sealed partial class DevClockJson : System.Text.Json.Serialization.JsonSerializerContext;

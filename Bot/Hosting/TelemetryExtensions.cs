using Azure.Monitor.OpenTelemetry.AspNetCore;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace VolunteerBot.Hosting;

public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry traces and metrics for turns and connector calls. Exported to Application Insights when
    /// APPLICATIONINSIGHTS_CONNECTION_STRING is set, to an OTLP collector when OTEL_EXPORTER_OTLP_ENDPOINT is set.
    /// </summary>
    public static IServiceCollection AddVolunteerTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Download tokens never reach telemetry: a /files/{token} request is recorded under its route, not its path
        // (applies to the Azure Monitor distro's instrumentation too, which reads the same options).
        services.Configure<OpenTelemetry.Instrumentation.AspNetCore.AspNetCoreTraceInstrumentationOptions>(o =>
        {
            var previous = o.EnrichWithHttpRequest;
            o.EnrichWithHttpRequest = (activity, request) =>
            {
                previous?.Invoke(activity, request);
                RedactDownloadPath(activity, request.Path);
            };
        });
        // Nor do log lines: the framework's "Request starting/finished" lines carry the full path, so they stay off
        // (Warning) whatever the configuration says; added after the configuration's rules, so this one wins a tie.
        services.Configure<LoggerFilterOptions>(o => o.Rules.Add(new LoggerFilterRule(null, RequestLogCategory, LogLevel.Warning, null)));
        var azureMonitor = !string.IsNullOrEmpty(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]);
        var otlp = !string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        if (!azureMonitor && !otlp)
        {
            // Nothing would be exported: recording a span per request and per outgoing call would only cost time
            // on every turn (docs/benchmarks.md). The meters still publish to any MeterListener.
            return services;
        }

        var otel = services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(BotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddMeter(BotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        if (azureMonitor)
        {
            otel.UseAzureMonitor();
        }
        else
        {
            otel.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter());
        }

        return services;
    }

    public const string RedactedDownloadPath = "/files/{token}";

    /// <summary>ASP.NET Core's per-request log lines (they include the request path and so a download token).</summary>
    public const string RequestLogCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    /// <summary>Replaces a download path (which carries a working token) by its route on a request span.</summary>
    public static void RedactDownloadPath(System.Diagnostics.Activity activity, PathString path)
    {
        if (!path.StartsWithSegments("/files", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        activity.SetTag("url.path", RedactedDownloadPath);
        activity.SetTag("url.query", null);
        activity.DisplayName = activity.DisplayName.Contains("/files/", StringComparison.Ordinal) ? "GET " + RedactedDownloadPath : activity.DisplayName;
    }
}

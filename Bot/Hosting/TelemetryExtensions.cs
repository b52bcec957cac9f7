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
        var otel = services.AddOpenTelemetry()
            .WithTracing(t => t.AddSource(BotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddMeter(BotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation());
        if (!string.IsNullOrEmpty(configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
        {
            otel.UseAzureMonitor();
        }
        else if (!string.IsNullOrEmpty(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.WithTracing(t => t.AddOtlpExporter()).WithMetrics(m => m.AddOtlpExporter());
        }

        return services;
    }
}

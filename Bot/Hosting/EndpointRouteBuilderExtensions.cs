using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using VolunteerBot.Channel;
using VolunteerBot.Links;
using VolunteerBot.Web;

namespace VolunteerBot.Hosting;

public static class EndpointRouteBuilderExtensions
{
    public static WebApplication MapVolunteerBot(this WebApplication app)
    {
        app.UseVolunteerDashboardPage();
        app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
        app.MapVolunteerDashboard();
        app.MapVolunteerLinks();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteHealthAsync });
        DevClock.Map(app);
        app.MapGet("/", () => Results.Text("VolunteerBot is running. Teams talks to POST /api/messages."));
        return app;
    }

    /// <summary>Plain text: the overall status, then one line per check naming it ("storage: Unhealthy (storage unreachable)").</summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = report.Entries.Select(e => $"{e.Key}: {e.Value.Status}" + (e.Value.Description is { Length: > 0 } d ? $" ({d})" : ""));
        return context.Response.WriteAsync(report.Status + "\n" + string.Join("\n", lines) + "\n", context.RequestAborted);
    }
}

using Microsoft.AspNetCore.Diagnostics.HealthChecks;
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
        app.MapHealthChecks("/healthz", new HealthCheckOptions());
        DevClock.Map(app);
        app.MapGet("/", () => Results.Text("VolunteerBot is running. Teams talks to POST /api/messages."));
        return app;
    }
}

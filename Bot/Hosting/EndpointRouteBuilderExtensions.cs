using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using VolunteerBot.Channel;

namespace VolunteerBot.Hosting;

public static class EndpointRouteBuilderExtensions
{
    public static WebApplication MapVolunteerBot(this WebApplication app)
    {
        app.MapPost("/api/messages", MessagesEndpoint.HandleAsync);
        app.MapGet("/media/{token}", Files.FileEndpoint.HandleAsync);
        app.MapHealthChecks("/healthz", new HealthCheckOptions());
        app.MapGet("/", () => Results.Text("VolunteerBot is running. Teams talks to POST /api/messages."));
        return app;
    }
}

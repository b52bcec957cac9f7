using VolunteerBot.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddVolunteerBot();

var app = builder.Build();
app.MapVolunteerBot();
app.Run();

/// <summary>Entry point; public so tests can host it with WebApplicationFactory.</summary>
public partial class Program;

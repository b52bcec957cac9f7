namespace VolunteerBot.Demo;

/// <summary>Seeds the demo department once at start when <c>Demo:Seed</c> is true (set by <c>scripts/dev.sh --demo</c>).</summary>
public sealed partial class DemoSeedService(DemoSeeder seeder, ILogger<DemoSeedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await seeder.SeedAsync(stoppingToken).ConfigureAwait(false);
            LogSeeded();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex);
        }
    }

    [LoggerMessage(EventId = 8195, Level = LogLevel.Information, Message = "Demo department seeded")]
    private partial void LogSeeded();

    [LoggerMessage(EventId = 8196, Level = LogLevel.Warning, Message = "Demo seeding failed")]
    private partial void LogFailed(Exception ex);
}

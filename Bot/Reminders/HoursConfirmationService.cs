using Microsoft.Extensions.Options;

namespace VolunteerBot.Reminders;

/// <summary>Runs <see cref="HoursConfirmationSweep"/> on a timer from the injected <see cref="TimeProvider"/>.</summary>
public sealed partial class HoursConfirmationService(HoursConfirmationSweep sweep, TimeProvider time, IOptions<HoursConfirmationOptions> options,
    ILogger<HoursConfirmationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        try
        {
            await Task.Delay(o.InitialDelay, time, stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(o.Interval, time);
            do
            {
                try
                {
                    await sweep.RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "Hours confirmation sweep failed; it runs again at the next interval")]
    private partial void LogFailed(Exception ex);
}

namespace VolunteerBot.Hosting;

/// <summary>When a <see cref="PeriodicService"/> runs: not at all, or first after <c>InitialDelay</c> and then every <c>Interval</c>.</summary>
public readonly record struct PeriodicSchedule(bool Enabled, TimeSpan InitialDelay, TimeSpan Interval);

/// <summary>The settings every periodic job's section has; a job sets its own default interval.</summary>
public abstract class PeriodicOptions(TimeSpan interval)
{
    public bool Enabled { get; set; } = true;

    /// <summary>How often the job runs.</summary>
    public TimeSpan Interval { get; set; } = interval;

    /// <summary>Wait after start before the first pass (lets storage initialise; keeps test hosts quiet).</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(1);

    public PeriodicSchedule Schedule => new(Enabled, InitialDelay, Interval);
}

/// <summary>
/// Background work on the injected clock: one pass after the initial delay, then one every interval, until the host
/// stops. A pass that throws is handed to <see cref="OnFailed"/> and the work runs again at the next tick. Every
/// instance runs it without a claim, so a pass must be idempotent.
/// </summary>
public abstract class PeriodicService(TimeProvider time) : BackgroundService
{
    /// <summary>The clock the loop runs on (the injected <see cref="TimeProvider"/>).</summary>
    protected TimeProvider Time { get; } = time;

    protected abstract PeriodicSchedule Schedule { get; }

    /// <summary>One pass of the work.</summary>
    protected abstract Task RunPassAsync(CancellationToken cancellationToken);

    /// <summary>Reports a failed pass (each service logs it under its own event id).</summary>
    protected abstract void OnFailed(Exception exception);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => RunAsync(stoppingToken);

    /// <summary>
    /// The loop; its timers exist when this returns its task, so a test can advance a fake clock right after. A pass
    /// that fails — including a cancellation that is not the host stopping (an SDK timeout) — is reported, not fatal.
    /// </summary>
    internal async Task RunAsync(CancellationToken stoppingToken)
    {
        var schedule = Schedule;
        if (!schedule.Enabled)
        {
            return;
        }

        try
        {
            using var timer = new PeriodicTimer(schedule.Interval, Time);
            await Task.Delay(schedule.InitialDelay, Time, stoppingToken).ConfigureAwait(false);
            do
            {
                try
                {
                    await RunPassAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    OnFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

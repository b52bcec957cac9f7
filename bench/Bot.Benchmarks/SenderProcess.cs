using VolunteerBot.Channel;
using System.Diagnostics;
using VolunteerBot.Hosting;
using VolunteerBot.Delivery;
using VolunteerBot.Reminders;
using VolunteerBot.Storage;

namespace VolunteerBot.Benchmarks;

/// <summary>
/// The sender as its own process (what one App Service instance runs): the production sender services only,
/// printing a STATS line every second so the orchestrator can follow it and kill it mid-run.
/// </summary>
public static class SenderProcess
{
    public static async Task<int> RunAsync(string storage, string prefix)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(new StorageAccount(storage, prefix));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IConversationReferenceStore, ConversationReferenceTableStore>();
        builder.Services.AddSingleton<VolunteerBot.Dialogs.Domain.Team.IStaffStore, StaffTableStore>();
        // Loopback connector without a credential: local mode, as the Playground runs.
        builder.Services.Configure<VolunteerBot.Channel.BotOptions>(o => o.AllowLocalUnauthenticated = true);
        builder.Services.AddVolunteerConnector();
        builder.Services.AddSingleton<ProactiveMessenger>();
        builder.Services.AddReminderSending();
        builder.Services.AddHostedService<StatsPrinter>();
        await builder.Build().RunAsync();
        return 0;
    }

    private sealed class StatsPrinter(ReminderSenderStats stats) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                using var me = Process.GetCurrentProcess();
                var info = GC.GetGCMemoryInfo();
                Console.WriteLine(FormattableString.Invariant(
                    $"STATS {stats} ws={me.WorkingSet64} peakws={me.PeakWorkingSet64} gcheap={GC.GetTotalMemory(false)} gccommitted={info.TotalCommittedBytes} gen2={GC.CollectionCount(2)}"));
            }
        }
    }
}

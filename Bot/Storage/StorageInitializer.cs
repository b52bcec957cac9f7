using Microsoft.Extensions.Hosting;

namespace VolunteerBot.Storage;

/// <summary>Creates every table, queue and blob container on start (idempotent).</summary>
public sealed partial class StorageInitializer(StorageAccount account, ILogger<StorageInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var tables = StorageNames.Tables.Select(t => account.Table(t).CreateIfNotExistsAsync(cancellationToken));
        var queues = StorageNames.Queues.Select(q => account.Queue(q).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        var containers = StorageNames.Containers.Select(c => account.Container(c).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        await Task.WhenAll(tables.Cast<Task>().Concat(queues).Concat(containers)).ConfigureAwait(false);
        LogReady(StorageNames.Tables.Length, StorageNames.Queues.Length, StorageNames.Containers.Length);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Storage ready: {Tables} tables, {Queues} queues, {Containers} containers")]
    private partial void LogReady(int tables, int queues, int containers);
}

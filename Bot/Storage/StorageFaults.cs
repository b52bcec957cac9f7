using Azure;

namespace VolunteerBot.Storage;

/// <summary>Tells a storage outage (unreachable, timing out, 5xx, throttled) from a bug or a bad request.</summary>
public static class StorageFaults
{
    public static bool IsFault(Exception ex) => ex switch
    {
        // A missing table, queue or container means storage is not initialised yet (it came back after an outage at start).
        RequestFailedException r => r.Status is 0 or 408 or 429 or >= 500
            || r.ErrorCode is "TableNotFound" or "QueueNotFound" or "ContainerNotFound",
        HttpRequestException or TimeoutException or System.Net.Sockets.SocketException or IOException => true,
        TaskCanceledException t => t.InnerException is TimeoutException,
        AggregateException a => a.InnerExceptions.Count > 0 && a.InnerExceptions.All(IsFault),
        _ => ex.InnerException is { } inner && IsFault(inner),
    };
}

/// <summary>The storage fault rules of <see cref="StorageFaults"/> behind the interface the channel uses.</summary>
public sealed class StorageFaultClassifier(IServiceProvider services) : Hosting.IStorageFaultClassifier
{
    public bool IsFault(Exception exception) => StorageFaults.IsFault(exception);

    public void Report(Exception exception) => services.GetService<StorageInitializer>()?.ReportFault(exception);
}

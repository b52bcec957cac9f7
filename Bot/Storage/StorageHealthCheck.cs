using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace VolunteerBot.Storage;

/// <summary>
/// /healthz: storage is Healthy only when every table, queue and container has been created (<see cref="StorageInitializer.IsReady"/>)
/// and storage answers a cheap table query. A query that finds the table missing starts creation again.
/// </summary>
public sealed class StorageHealthCheck(StorageAccount account, StorageInitializer initializer) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!initializer.IsReady)
        {
            return HealthCheckResult.Unhealthy("storage tables, queues and containers are not created yet (retrying)");
        }

        try
        {
            await foreach (var _ in account.Table(StorageNames.UserSettings).QueryAsync<Azure.Data.Tables.TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken).AsPages(pageSizeHint: 1).ConfigureAwait(false))
            {
                break;
            }

            return HealthCheckResult.Healthy();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("storage did not answer in time");
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or HttpRequestException or AggregateException or TimeoutException)
        {
            initializer.ReportFault(ex);
            return HealthCheckResult.Unhealthy("storage unreachable");
        }
    }
}

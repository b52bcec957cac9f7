using Microsoft.Extensions.Diagnostics.HealthChecks;
using VolunteerBot.Storage;

namespace VolunteerBot.Storage;

/// <summary>/healthz: storage answers a cheap table query.</summary>
public sealed class StorageHealthCheck(StorageAccount account) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
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
            return HealthCheckResult.Unhealthy("storage unreachable");
        }
    }
}

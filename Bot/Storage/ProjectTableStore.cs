using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Options;
using static VolunteerBot.Storage.ProjectEntities;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>Projects</c>: PartitionKey = filing year ("2025", Asia/Shanghai, also the first 4 characters of the id),
/// RowKey = project id. A get is one point read; lists read this year's and last year's partitions (a department
/// files a few dozen projects a year). Since a start is at most 366 days after filing, a date-range query reads the
/// partitions of the range's years and the year before. Updates are ETag-guarded. See docs/storage.md.
/// </summary>
public sealed class ProjectTableStore(StorageAccount account, TimeProvider time, IOptions<VolunteeringOptions> options) : IProjectStore
{
    private readonly TableClient _table = account.Table(StorageNames.Projects);

    public async Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        var entity = await GetEntityAsync(projectId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToProject(entity);
    }

    public Task CreateAsync(Project project, CancellationToken cancellationToken) =>
        _table.AddEntityAsync(ToEntity(project), cancellationToken);

    public async Task<ProjectUpdate> UpdateAsync(string projectId, Func<Project, Project> change, CancellationToken cancellationToken)
    {
        return await OptimisticConcurrency.RunAsync(async ct =>
        {
            var entity = await GetEntityAsync(projectId, ct).ConfigureAwait(false);
            if (entity is null)
            {
                return new ProjectUpdate(null, null);
            }

            var before = ToProject(entity);
            var after = change(before);
            if (ReferenceEquals(after, before) || after == before)
            {
                return new ProjectUpdate(before, before);
            }

            if (after.Id != before.Id)
            {
                throw new InvalidOperationException("A project update may not change its id.");
            }

            await _table.UpdateEntityAsync(ToEntity(after), entity.ETag, TableUpdateMode.Replace, ct).ConfigureAwait(false);
            return new ProjectUpdate(before, after);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Project>> ListByStatusAsync(IReadOnlyCollection<ProjectStatus> statuses, CancellationToken cancellationToken)
    {
        if (statuses.Count == 0)
        {
            return [];
        }

        var filter = "(" + string.Join(" or ", statuses.Distinct().Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")";
        var year = ThisYear();
        var list = await QueryYearsAsync(year - 1, year, _ => true, cancellationToken, filter).ConfigureAwait(false);
        return list.OrderBy(p => p.Start).ToList();
    }

    public async Task<IReadOnlyList<Project>> ListStartingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var zone = options.Value.Zone;
        var firstYear = TimeZoneInfo.ConvertTime(from, zone).Year - 1;
        var lastYear = TimeZoneInfo.ConvertTime(to, zone).Year;
        var list = await QueryYearsAsync(firstYear, lastYear, e =>
        {
            var start = e.GetDateTimeOffset("Start");
            return start >= from && start < to;
        }, cancellationToken).ConfigureAwait(false);
        return list.OrderBy(p => p.Start).ToList();
    }

    public async Task<IReadOnlyList<Project>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken)
    {
        var year = ThisYear();
        var list = await QueryYearsAsync(year - 1, year, e =>
            e.GetString("DivisionId") == divisionId || Deserialize<List<string>>(e.GetString("JointDivisionIds")).Contains(divisionId),
            cancellationToken).ConfigureAwait(false);
        return list.OrderByDescending(p => p.Start).ToList();
    }

    private int ThisYear() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.Value.Zone).Year;

    private async Task<List<Project>> QueryYearsAsync(int fromYear, int toYear, Func<TableEntity, bool> keep, CancellationToken cancellationToken, string? filter = null)
    {
        var list = new List<Project>();
        for (var year = fromYear; year <= toYear; year++)
        {
            var query = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(year)}") + (filter is null ? "" : " and " + filter);
            await foreach (var e in _table.QueryAsync<TableEntity>(query, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                if (keep(e))
                {
                    list.Add(ToProject(e));
                }
            }
        }

        return list;
    }

    private async Task<TableEntity?> GetEntityAsync(string projectId, CancellationToken cancellationToken)
    {
        var year = Project.YearOf(projectId);
        if (year == 0)
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(year), TableKeys.Escape(projectId), cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }
}

using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Storage;

/// <summary>
/// Table <c>Projects</c>: PartitionKey = filing year ("2025", Asia/Shanghai, also the first 4 characters of the id),
/// RowKey = project id. A get is one point read; lists read this year's and last year's partitions (a department
/// files a few dozen projects a year). Since a start is at most 366 days after filing, a date-range query reads the
/// partitions of the range's years and the year before. Updates are ETag-guarded. See docs/storage.md.
/// </summary>
public sealed class ProjectTableStore(StorageAccount account, TimeProvider time, IOptions<VolunteeringOptions> options) : IProjectStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = account.Table(StorageNames.Projects);

    public async Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        var entity = await GetEntityAsync(projectId, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : Map(entity);
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

            var before = Map(entity);
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
                    list.Add(Map(e));
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

    private static string PartitionOf(int year) => year.ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    private static TableEntity ToEntity(Project p) => new(PartitionOf(Project.YearOf(p.Id)), TableKeys.Escape(p.Id))
    {
        ["Id"] = p.Id,
        ["Title"] = p.Title,
        ["CategoryId"] = p.CategoryId,
        ["Organiser"] = p.Organiser.ToString(),
        ["Origin"] = p.Origin.ToString(),
        ["DivisionId"] = p.DivisionId,
        ["JointDivisionIds"] = JsonSerializer.Serialize(p.JointDivisionIds, Json),
        ["Start"] = p.Start,
        ["End"] = p.End,
        ["Place"] = p.Place,
        ["Capacity"] = p.Capacity,
        ["Description"] = p.Description,
        ["IsIndustrySpecific"] = p.IsIndustrySpecific,
        ["Status"] = p.Status.ToString(),
        ["DeclarationNumber"] = p.DeclarationNumber,
        ["DeclaredBy"] = p.DeclaredByAadObjectId,
        ["DeclaredAt"] = p.DeclaredAt,
        ["FiledBy"] = p.FiledByAadObjectId,
        ["FiledByName"] = p.FiledByName,
        ["FiledAt"] = p.FiledAt,
        ["DecidedBy"] = p.DecidedByAadObjectId,
        ["DecidedByName"] = p.DecidedByName,
        ["DecidedAt"] = p.DecidedAt,
        ["Returns"] = JsonSerializer.Serialize(p.Returns, Json),
        ["Responses"] = JsonSerializer.Serialize(p.Responses, Json),
        ["AnnouncedAt"] = p.AnnouncedAt,
        ["CancelledBy"] = p.CancelledByAadObjectId,
        ["CancelledAt"] = p.CancelledAt,
        ["CancelReason"] = p.CancelReason,
        ["ArchivedBy"] = p.ArchivedByAadObjectId,
        ["ArchivedByName"] = p.ArchivedByName,
        ["ArchivedAt"] = p.ArchivedAt,
        ["UpdatedAt"] = p.UpdatedAt,
    };

    private static Project Map(TableEntity e) => new()
    {
        Id = e.GetString("Id") ?? e.RowKey,
        Title = e.GetString("Title") ?? "",
        CategoryId = e.GetString("CategoryId") ?? "",
        Organiser = Enum.TryParse<OrganiserType>(e.GetString("Organiser"), out var o) ? o : OrganiserType.Branch,
        Origin = Enum.TryParse<ProjectOrigin>(e.GetString("Origin"), out var origin) ? origin : ProjectOrigin.Applied,
        DivisionId = e.GetString("DivisionId") ?? "",
        JointDivisionIds = Deserialize<List<string>>(e.GetString("JointDivisionIds")),
        Start = e.GetDateTimeOffset("Start") ?? default,
        End = e.GetDateTimeOffset("End") ?? default,
        Place = e.GetString("Place") ?? "",
        Capacity = e.GetInt32("Capacity") ?? 0,
        Description = e.GetString("Description") ?? "",
        IsIndustrySpecific = e.GetBoolean("IsIndustrySpecific") ?? false,
        Status = Enum.TryParse<ProjectStatus>(e.GetString("Status"), out var s) ? s : ProjectStatus.Filed,
        DeclarationNumber = e.GetString("DeclarationNumber"),
        DeclaredByAadObjectId = e.GetString("DeclaredBy"),
        DeclaredAt = e.GetDateTimeOffset("DeclaredAt"),
        FiledByAadObjectId = e.GetString("FiledBy") ?? "",
        FiledByName = e.GetString("FiledByName") ?? "",
        FiledAt = e.GetDateTimeOffset("FiledAt") ?? default,
        DecidedByAadObjectId = e.GetString("DecidedBy"),
        DecidedByName = e.GetString("DecidedByName"),
        DecidedAt = e.GetDateTimeOffset("DecidedAt"),
        Returns = Deserialize<List<ReturnNote>>(e.GetString("Returns")),
        Responses = Deserialize<List<DivisionResponse>>(e.GetString("Responses")),
        AnnouncedAt = e.GetDateTimeOffset("AnnouncedAt"),
        CancelledByAadObjectId = e.GetString("CancelledBy"),
        CancelledAt = e.GetDateTimeOffset("CancelledAt"),
        CancelReason = e.GetString("CancelReason"),
        ArchivedByAadObjectId = e.GetString("ArchivedBy"),
        ArchivedByName = e.GetString("ArchivedByName"),
        ArchivedAt = e.GetDateTimeOffset("ArchivedAt"),
        UpdatedAt = e.GetDateTimeOffset("UpdatedAt") ?? default,
    };

    private static T Deserialize<T>(string? json) where T : new() =>
        string.IsNullOrEmpty(json) ? new T() : JsonSerializer.Deserialize<T>(json, Json) ?? new T();
}

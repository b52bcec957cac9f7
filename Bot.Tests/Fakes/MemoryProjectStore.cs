using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Tests.Fakes;

/// <summary>
/// The one in-memory IProjectStore (unit tests only); runs the same contract suite as ProjectTableStore. Given a clock,
/// lists see this year's and last year's projects only, as the table's year partitions do.
/// </summary>
public sealed class MemoryProjectStore(TimeProvider? time = null, TimeZoneInfo? zone = null) : IProjectStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Project> _items = new(StringComparer.Ordinal);

    public IReadOnlyCollection<Project> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _items.Values];
            }
        }
    }

    public Task<Project?> GetAsync(string projectId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(Project.YearOf(projectId) == 0 ? null : _items.GetValueOrDefault(projectId));
        }
    }

    public Task CreateAsync(Project project, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_items.TryAdd(project.Id, project))
            {
                throw new InvalidOperationException($"Project {project.Id} exists.");
            }

            return Task.CompletedTask;
        }
    }

    public Task<ProjectUpdate> UpdateAsync(string projectId, Func<Project, Project> change, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(projectId, out var before))
            {
                return Task.FromResult(new ProjectUpdate(null, null));
            }

            var after = change(before);
            if (ReferenceEquals(after, before) || after == before)
            {
                return Task.FromResult(new ProjectUpdate(before, before));
            }

            if (after.Id != before.Id)
            {
                throw new InvalidOperationException("A project update may not change its id.");
            }

            _items[projectId] = after;
            return Task.FromResult(new ProjectUpdate(before, after));
        }
    }

    public Task<IReadOnlyList<Project>> ListByStatusAsync(IReadOnlyCollection<ProjectStatus> statuses, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Project>>(InYears(ThisYear() - 1, ThisYear()).Where(p => statuses.Contains(p.Status)).OrderBy(p => p.Start).ToList());

    public Task<IReadOnlyList<Project>> ListStartingAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var first = zone is null ? int.MinValue : TimeZoneInfo.ConvertTime(from, zone).Year - 1;
        var last = zone is null ? int.MaxValue : TimeZoneInfo.ConvertTime(to, zone).Year;
        return Task.FromResult<IReadOnlyList<Project>>(InYears(first, last).Where(p => p.Start >= from && p.Start < to).OrderBy(p => p.Start).ToList());
    }

    /// <summary>Lead and joint projects, latest start first.</summary>
    public Task<IReadOnlyList<Project>> ListByDivisionAsync(string divisionId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Project>>(InYears(ThisYear() - 1, ThisYear()).Where(p => p.Involves(divisionId)).OrderByDescending(p => p.Start).ToList());

    private int ThisYear() => time is null || zone is null ? int.MaxValue - 1 : TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).Year;

    private List<Project> InYears(int first, int last)
    {
        lock (_gate)
        {
            // Without a clock and zone every project is in range.
            return [.. _items.Values.Where(p => time is null || zone is null || (Project.YearOf(p.Id) >= first && Project.YearOf(p.Id) <= last))];
        }
    }
}

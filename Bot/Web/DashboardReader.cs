using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Dashboard;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Web;

/// <summary>
/// Gathers what the dashboard shows from copies the product already keeps — never a scan of the service records:
/// the divisions partition and their member indexes (one partition each), the year rows (one partition), the projects
/// of this and last year, pending confirmations (the last months' partitions, filtered), the monthly totals (one
/// key-range query). The department's snapshot is gathered once per instance per <see cref="DashboardOptions.CacheFor"/>
/// and every role's answer is computed from it; per-person and per-division reads are cached the same way.
/// </summary>
public sealed class DashboardReader(
    IDivisionStore divisions,
    IVolunteerStore volunteers,
    IServiceRecordStore records,
    IProjectStore projects,
    ISignUpStore signUps,
    IServiceHoursReader hours,
    IDashboardStore dashboard,
    DashboardCache cache,
    TimeProvider time,
    IOptions<VolunteeringOptions> volunteering,
    IOptions<DashboardOptions> options)
{
    /// <summary>How many months back the drill-down looks for a volunteer's last activity (this one and the two before).</summary>
    public const int LastActivityMonths = 3;

    private TimeSpan Lifetime => options.Value.CacheFor;

    public DateOnly Today => ProjectCalendar.LocalDate(time.GetUtcNow(), volunteering.Value.Zone);

    public Task<DashboardSnapshot> SnapshotAsync(CancellationToken cancellationToken) =>
        cache.GetAsync("snapshot", Lifetime, GatherAsync, cancellationToken);

    public Task<DashboardOverview> OverviewAsync(DashboardScope scope, CancellationToken cancellationToken) =>
        cache.GetAsync("overview:" + scope.CacheKey, Lifetime, async ct => DashboardCalculator.Overview(await SnapshotAsync(ct).ConfigureAwait(false), scope), cancellationToken);

    public Task<DashboardDivisions> DivisionsAsync(DashboardScope scope, CancellationToken cancellationToken) =>
        cache.GetAsync("divisions:" + scope.CacheKey, Lifetime, async ct => DashboardCalculator.Divisions(await SnapshotAsync(ct).ConfigureAwait(false), scope), cancellationToken);

    public Task<DashboardTrends> TrendsAsync(DashboardScope scope, CancellationToken cancellationToken) =>
        cache.GetAsync("trends:" + scope.CacheKey, Lifetime, async ct => DashboardCalculator.Trends(await SnapshotAsync(ct).ConfigureAwait(false), scope), cancellationToken);

    public Task<IReadOnlyList<Project>> ProjectsAsync(CancellationToken cancellationToken) =>
        cache.GetAsync<IReadOnlyList<Project>>("projects", Lifetime, async ct => await projects.ListByStatusAsync(Enum.GetValues<ProjectStatus>(), ct).ConfigureAwait(false), cancellationToken);

    public Task<DashboardProjects> ProjectsViewAsync(DashboardScope scope, CancellationToken cancellationToken) =>
        cache.GetAsync("projects-view:" + scope.CacheKey, Lifetime, async ct =>
        {
            var now = time.GetUtcNow();
            var list = await ProjectsAsync(ct).ConfigureAwait(false);
            var snapshot = await SnapshotAsync(ct).ConfigureAwait(false);
            var upcoming = DashboardCalculator.Upcoming(list.DistinctBy(p => p.Id).Where(p => scope.Department || p.AllDivisionIds.Any(scope.Includes)), now, 10);
            var counts = await Task.WhenAll(upcoming.Select(async p => (p.Id, Counts: await signUps.CountAsync(p.Id, ct).ConfigureAwait(false)))).ConfigureAwait(false);
            return DashboardCalculator.Projects(list, counts.ToDictionary(c => c.Id, c => c.Counts, StringComparer.Ordinal), snapshot.Divisions, scope, now);
        }, cancellationToken);

    public async Task<DashboardDivisionDetail?> DivisionAsync(DashboardScope scope, string divisionId, CancellationToken cancellationToken) =>
        (await cache.GetAsync("division:" + scope.CacheKey + ":" + divisionId, Lifetime, async ct =>
        {
            var snapshot = await SnapshotAsync(ct).ConfigureAwait(false);
            if (!scope.Includes(divisionId) || snapshot.Divisions.All(d => d.Id != divisionId))
            {
                return new Box<DashboardDivisionDetail>(null);
            }

            var since = new DateOnly(snapshot.Today.Year, snapshot.Today.Month, 1).AddMonths(-(LastActivityMonths - 1));
            var last = await dashboard.LastActivityAsync(divisionId, since, snapshot.Today, ct).ConfigureAwait(false);
            return new Box<DashboardDivisionDetail>(DashboardCalculator.Division(snapshot, scope, divisionId, last, since));
        }, cancellationToken).ConfigureAwait(false)).Value;

    public Task<DashboardMine> MineAsync(DashboardUser user, CancellationToken cancellationToken) =>
        cache.GetAsync("mine:" + user.AadObjectId.ToUpperInvariant(), Lifetime, async ct =>
        {
            var today = Today;
            var windowStart = new DateOnly(today.Year, today.Month, 1).AddMonths(-(DashboardCalculator.TrendMonths - 1));
            var from = windowStart < new DateOnly(today.Year, 1, 1) ? windowStart : new DateOnly(today.Year, 1, 1);
            var volunteerTask = volunteers.GetAsync(user.AadObjectId, ct);
            var recordsTask = records.ListByVolunteerAsync(user.AadObjectId, from, ct);
            var balanceTask = records.GetBalanceAsync(user.AadObjectId, ct);
            var volunteer = await volunteerTask.ConfigureAwait(false);
            var division = volunteer is null ? null : await divisions.GetAsync(volunteer.DivisionId, ct).ConfigureAwait(false);
            return DashboardCalculator.Mine(user.Name, volunteer, division?.Name, await recordsTask.ConfigureAwait(false),
                await balanceTask.ConfigureAwait(false), today, time.GetUtcNow());
        }, cancellationToken);

    private async Task<DashboardSnapshot> GatherAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var zone = volunteering.Value.Zone;
        var today = ProjectCalendar.LocalDate(now, zone);
        var months = DashboardCalculator.TrendMonthKeys(today);
        var divisionList = await divisions.ListAsync(includeArchived: false, cancellationToken).ConfigureAwait(false);
        var membersTask = Task.WhenAll(divisionList.Select(async d => (d.Id, Members: await volunteers.ListByDivisionAsync(d.Id, cancellationToken).ConfigureAwait(false))));
        var yearTask = records.ListYearAsync(today.Year, cancellationToken);
        var projectsTask = ProjectsAsync(cancellationToken);
        var pendingTask = hours.PendingByDivisionAsync(cancellationToken);
        var monthsTask = dashboard.ListMonthTotalsAsync(months[0], months[^1], cancellationToken);
        var projectList = (await projectsTask.ConfigureAwait(false)).DistinctBy(p => p.Id).ToList();
        var goingAhead = projectList.Where(p => p.IsGoingAhead()).ToList();
        return new DashboardSnapshot
        {
            Today = today,
            AsOf = now,
            Divisions = divisionList,
            MembersByDivision = (await membersTask.ConfigureAwait(false)).ToDictionary(m => m.Id, m => m.Members, StringComparer.Ordinal),
            Year = await yearTask.ConfigureAwait(false),
            Activities = [.. goingAhead
                .Select(p => new DigestActivity(p.Id, p.Title, p.Organiser == OrganiserType.Centralised ? DigestOrganiser.Centralised : DigestOrganiser.Branch,
                    p.AllDivisionIds, ProjectCalendar.LocalDate(p.Start, zone)))
                .Where(a => a.Date.Year == today.Year)],
            PendingByDivision = await pendingTask.ConfigureAwait(false),
            MissingDeclarationsByDivision = goingAhead.Where(p => string.IsNullOrWhiteSpace(p.DeclarationNumber))
                .GroupBy(p => p.DivisionId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            Months = await monthsTask.ConfigureAwait(false),
        };
    }

    /// <summary>A cached "none" (the cache keeps objects only).</summary>
    private sealed record Box<T>(T? Value) where T : class;
}

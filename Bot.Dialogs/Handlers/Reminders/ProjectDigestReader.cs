using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Handlers.Reminders;

/// <summary>
/// The digest's view of projects over <see cref="IProjectStore"/>: an activity counts when its project is going ahead
/// (approved or later, never filed, returned, assigned or cancelled — as <see cref="QuotaCalculator"/> counts), dated
/// by its start in Asia/Shanghai.
/// </summary>
public sealed class ProjectDigestReader(IProjectStore projects, ISignUpStore signUps, IOptions<VolunteeringOptions> options) : IProjectDigestReader
{
    private static readonly ProjectStatus[] GoingAhead =
        [ProjectStatus.Approved, ProjectStatus.Open, ProjectStatus.InProgress, ProjectStatus.Completed, ProjectStatus.Archived];

    public async Task<IReadOnlyList<DigestActivity>> ListActivitiesAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var zone = options.Value.Zone;
        var starting = await projects.ListStartingAsync(ProjectCalendar.LocalMidnight(from, zone), ProjectCalendar.LocalMidnight(to.AddDays(1), zone), cancellationToken).ConfigureAwait(false);
        return [.. starting
            .DistinctBy(p => p.Id)
            .Where(p => p.IsGoingAhead())
            .Select(p => new DigestActivity(
                p.Id,
                p.Title,
                p.Organiser == OrganiserType.Centralised ? DigestOrganiser.Centralised : DigestOrganiser.Branch,
                p.AllDivisionIds,
                ProjectCalendar.LocalDate(p.Start, zone)))
            .Where(a => a.Date >= from && a.Date <= to)
            .OrderBy(a => a.Date)];
    }

    public async Task<IReadOnlyList<DigestOpenProject>> ListOpenAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var open = (await projects.ListByStatusAsync([ProjectStatus.Open], cancellationToken).ConfigureAwait(false))
            .DistinctBy(p => p.Id)
            .Where(p => p.AcceptsSignUps(now))
            .OrderBy(p => p.Start)
            .ToList();
        var result = new List<DigestOpenProject>(open.Count);
        foreach (var p in open)
        {
            var counts = await signUps.CountAsync(p.Id, cancellationToken).ConfigureAwait(false);
            result.Add(new DigestOpenProject(p.Id, p.Title, p.Start, p.Place, Math.Max(0, p.Capacity - counts.Confirmed))
            {
                OnlyForDivisions = p.OpenOnlyToDivisionIds,
            });
        }

        return result;
    }

    public async Task<int> CountAwaitingApprovalAsync(CancellationToken cancellationToken) =>
        (await projects.ListByStatusAsync([ProjectStatus.Filed], cancellationToken).ConfigureAwait(false))
            .DistinctBy(p => p.Id).Count(p => p.IsPendingReview());

    public async Task<int> CountApprovedWithoutDeclarationAsync(CancellationToken cancellationToken) =>
        (await projects.ListByStatusAsync(GoingAhead, cancellationToken).ConfigureAwait(false))
            .DistinctBy(p => p.Id).Count(p => p.IsGoingAhead() && string.IsNullOrWhiteSpace(p.DeclarationNumber));
}

using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Domain.Photos;

/// <summary>
/// The activities (projects) a person can file gear, photos or highlights against: those their divisions run
/// (a liaison's, the volunteer's own), those they signed up for, and those they checked in at (a walk-in, 签到);
/// the committee sees every one going ahead.
/// </summary>
public sealed class ActivityFinder(IProjectStore projects, ISignUpStore signUps, CheckIn.ICheckInStore checkIns)
{
    private static readonly ProjectStatus[] Going = [ProjectStatus.Approved, ProjectStatus.Open, ProjectStatus.InProgress, ProjectStatus.Completed, ProjectStatus.Archived];

    /// <summary>Projects of the divisions the user is liaison of (every project for the committee), going ahead, newest start first.</summary>
    public async Task<IReadOnlyList<Project>> ForManagerAsync(UserRoles roles, CancellationToken cancellationToken)
    {
        if (roles.IsCommittee)
        {
            return Sort(await projects.ListByStatusAsync(Going, cancellationToken).ConfigureAwait(false));
        }

        var list = new List<Project>();
        foreach (var division in roles.LiaisonOfDivisions)
        {
            list.AddRange(await projects.ListByDivisionAsync(division, cancellationToken).ConfigureAwait(false));
        }

        return Sort(list.Where(p => p.IsGoingAhead()));
    }

    /// <summary>What a sender's photos may belong to: their sign-ups, their division's and (liaison/committee) managed projects.</summary>
    public async Task<IReadOnlyList<Project>> ForSenderAsync(string aadObjectId, UserRoles roles, CancellationToken cancellationToken)
    {
        var list = new List<Project>(await ForManagerAsync(roles, cancellationToken).ConfigureAwait(false));
        if (roles.DivisionId is { } own && !roles.LiaisonOfDivisions.Contains(own) && !roles.IsCommittee)
        {
            list.AddRange((await projects.ListByDivisionAsync(own, cancellationToken).ConfigureAwait(false)).Where(p => p.IsGoingAhead()));
        }

        var attended = (await checkIns.ListByVolunteerAsync(aadObjectId, DateTimeOffset.UnixEpoch, cancellationToken).ConfigureAwait(false)).Select(a => a.ProjectId);
        var seats = (await signUps.ListByVolunteerAsync(aadObjectId, cancellationToken).ConfigureAwait(false)).Where(s => s.Status != SignUpStatus.Cancelled).Select(s => s.ProjectId);
        foreach (var id in seats.Concat(attended).Distinct(StringComparer.Ordinal))
        {
            if (list.All(p => p.Id != id) && await projects.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } p && p.IsGoingAhead())
            {
                list.Add(p);
            }
        }

        return Sort(list);
    }

    /// <summary>May this user manage (browse photos, check gear out for) the project?</summary>
    public static bool Manages(UserRoles roles, Project project) =>
        roles.IsCommittee || project.AllDivisionIds.Any(roles.LiaisonOfDivisions.Contains);

    /// <summary>
    /// The activity to file photos under without asking: the only one in progress or ended within two days; null
    /// when there is none or more than one.
    /// </summary>
    public static Project? Obvious(IReadOnlyList<Project> candidates, DateTimeOffset now)
    {
        var current = candidates.Where(p => p.Start <= now && p.End >= now - TimeSpan.FromDays(2)).ToList();
        return current.Count == 1 ? current[0] : null;
    }

    /// <summary>Started or about to (within a week), not ended more than <paramref name="days"/> days ago: what a choice list offers.</summary>
    public static IReadOnlyList<Project> Recent(IReadOnlyList<Project> candidates, DateTimeOffset now, int days = 90) =>
        [.. candidates.Where(p => p.End >= now - TimeSpan.FromDays(days) && p.Start <= now + TimeSpan.FromDays(7))];

    private static List<Project> Sort(IEnumerable<Project> list) =>
        [.. list.DistinctBy(p => p.Id).OrderByDescending(p => p.Start)];
}

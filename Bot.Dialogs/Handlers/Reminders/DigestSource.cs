using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Dialogs.Handlers.Reminders;

/// <summary>
/// Gathers the digest's data: team data from the team stores; projects, hours and gear through the optional
/// readers (null when that feature is not registered: its figures then show as "no data").
/// </summary>
public sealed class DigestSource(
    IVolunteerStore volunteers,
    IDivisionStore divisions,
    IStaffStore staff,
    IOptions<VolunteeringOptions> options,
    IProjectDigestReader? projects = null,
    IServiceHoursReader? hours = null,
    IGearOutReader? gear = null,
    Domain.Honours.IHonourStore? honours = null) : IDigestSource
{
    public async Task<DigestInput> GatherAsync(Quarter quarter, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, options.Value.Zone).DateTime);
        var yearStart = new DateOnly(quarter.Year, 1, 1);
        var yearEnd = new DateOnly(quarter.Year, 12, 31);
        var divisionList = await divisions.ListAsync(includeArchived: false, cancellationToken).ConfigureAwait(false);
        var volunteerList = await volunteers.ListAllAsync(cancellationToken).ConfigureAwait(false);
        var staffList = await staff.ListAsync(cancellationToken).ConfigureAwait(false);

        // Someone who has left the department (a re-import no longer found them) leaves the figures and the reminders;
        // their records stay where they are.
        var left = staffList.Where(s => !s.IsActive).Select(s => s.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new DigestInput
        {
            Quarter = quarter,
            Today = today,
            Divisions = [.. divisionList.Select(d => new DigestDivision(d.Id, d.Name, d.LiaisonAadObjectIds))],
            Volunteers = [.. volunteerList.Where(v => !left.Contains(v.AadObjectId)).Select(v => new DigestVolunteer(v.AadObjectId, v.Name, v.DivisionId))],
            StaffAadObjectIds = [.. staffList.Where(s => s.IsActive).Select(s => s.AadObjectId)], // leavers leave the denominator
            InvitedStaff = staffList.Count(s => s.IsActive && s.LastInvitedAt is not null),
            RegisteredSinceInvited = staffList.Count(s => s.IsActive && s.LastInvitedAt is { } invited
                && volunteerList.Any(v => string.Equals(v.AadObjectId, s.AadObjectId, StringComparison.OrdinalIgnoreCase) && v.RegisteredAt >= invited)),
            Activities = projects is null ? null : await projects.ListActivitiesAsync(yearStart, yearEnd, cancellationToken).ConfigureAwait(false),
            OpenProjects = projects is null ? null : await projects.ListOpenAsync(now, cancellationToken).ConfigureAwait(false),
            FilingsAwaitingApproval = projects is null ? null : await projects.CountAwaitingApprovalAsync(cancellationToken).ConfigureAwait(false),
            ApprovedWithoutDeclaration = projects is null ? null : await projects.CountApprovedWithoutDeclarationAsync(cancellationToken).ConfigureAwait(false),
            HoursThisYear = hours is null ? null : await hours.HoursByVolunteerAsync(yearStart, yearEnd, cancellationToken).ConfigureAwait(false),
            HoursThisQuarter = hours is null ? null : await hours.HoursByVolunteerAsync(quarter.FirstDay, quarter.LastDay, cancellationToken).ConfigureAwait(false),
            PendingConfirmationsByDivision = hours is null ? null : await hours.PendingByDivisionAsync(cancellationToken).ConfigureAwait(false),
            GearOutByDivision = gear is null ? null : await gear.ItemsOutByDivisionAsync(cancellationToken).ConfigureAwait(false),
            FeaturedByDivision = honours is null ? null : Domain.Honours.FeaturedCredit.ByDivision(await honours.ListFeaturedAsync(quarter.Year, cancellationToken).ConfigureAwait(false)),
        };
    }
}

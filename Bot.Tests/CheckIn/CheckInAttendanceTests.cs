using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Tests.Projects;

namespace VolunteerBot.Tests.CheckIn;

/// <summary>Attendance from check-ins outside the hours: a walk-in may file photos for the activity they attended (R11).</summary>
public sealed class CheckInAttendanceTests
{
    [Fact]
    public async Task ForSender_WalkInOfAnotherDivision_FindsTheActivityTheyCheckedInAt()
    {
        var projects = new MemoryProjectStore();
        var checkIns = new MemoryCheckInStore();
        var p = ProjectSamples.Make(ProjectSamples.Local(2026, 12, 5), ProjectStatus.Open, OrganiserType.Centralised, "d-energy");
        await projects.CreateAsync(p, CancellationToken.None);
        var finder = new ActivityFinder(projects, new MemorySignUpStore(), checkIns);
        var roles = new UserRoles(true, false, new HashSet<string>(), "d-law");
        Assert.Empty(await finder.ForSenderAsync("walk-in", roles, CancellationToken.None));

        await checkIns.CheckInAsync(new Attendance
        {
            ProjectId = p.Id, ProjectTitle = p.Title, ProjectStart = p.Start, ProjectEnd = p.End, VolunteerAadObjectId = "walk-in", VolunteerName = "赵磊",
            DivisionId = "d-law", IsWalkIn = true, CheckedInAt = p.Start,
        }, CancellationToken.None);

        Assert.Equal(p.Id, Assert.Single(await finder.ForSenderAsync("walk-in", roles, CancellationToken.None)).Id);
    }
}

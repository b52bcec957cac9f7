using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Tests.Projects;

namespace VolunteerBot.Tests.Trust;

/// <summary>project.show and its refresh show a project only to those who may see it in its state.</summary>
public sealed class ProjectVisibilityTests
{
    [Theory]
    [InlineData(ProjectStatus.Filed, "volunteer-own", false)]
    [InlineData(ProjectStatus.Returned, "volunteer-own", false)]
    [InlineData(ProjectStatus.Assigned, "volunteer-own", false)]
    [InlineData(ProjectStatus.Approved, "volunteer-own", false)]
    [InlineData(ProjectStatus.Filed, "liaison-own", true)]
    [InlineData(ProjectStatus.Returned, "liaison-other", false)]
    [InlineData(ProjectStatus.Filed, "committee", true)]
    [InlineData(ProjectStatus.Open, "volunteer-own", true)]
    [InlineData(ProjectStatus.Open, "volunteer-other", false)]   // branch project limited to its division
    [InlineData(ProjectStatus.Open, "liaison-other", false)]
    [InlineData(ProjectStatus.Completed, "volunteer-own", true)]
    public void IsVisibleTo_BranchProjectOfEnergy_OnlyItsDivisionsAndCommittee(ProjectStatus status, string viewer, bool visible)
    {
        var p = ProjectSamples.Make(ProjectSamples.Local(2026, 5, 10), status, OrganiserType.Branch, division: "d-energy");
        var (committee, liaisonOf, division) = viewer switch
        {
            "committee" => (true, (string?)null, (string?)null),
            "liaison-own" => (false, "d-energy", "d-energy"),
            "liaison-other" => (false, "d-sme", "d-sme"),
            "volunteer-own" => (false, null, "d-energy"),
            _ => (false, null, "d-sme"),
        };

        Assert.Equal(visible, p.IsVisibleTo(committee, d => d == liaisonOf, division));
    }

    [Fact]
    public void IsVisibleTo_OpenCentralisedProject_EveryVolunteer()
    {
        var p = ProjectSamples.Make(ProjectSamples.Local(2026, 5, 10), ProjectStatus.Open, OrganiserType.Centralised);

        Assert.True(p.IsVisibleTo(false, _ => false, "d-sme"));
        Assert.True(p.IsVisibleTo(false, _ => false, null));
    }
}

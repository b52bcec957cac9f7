using VolunteerBot.Dialogs.Handlers.Reminders;
using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Tests.Projects;

/// <summary>
/// Who may join a project, pinned once: the project list and the sign-up ask <see cref="Project.IsOpenTo(string?)"/>,
/// the reminders ask the digest's copy of it; all three must agree.
/// </summary>
public sealed class ProjectOpenToTests
{
    [Theory]
    // 集中志愿服务: every volunteer, also one not (yet) in a division.
    [InlineData(OrganiserType.Centralised, null, "d-energy", true)]
    [InlineData(OrganiserType.Centralised, null, "d-other", true)]
    [InlineData(OrganiserType.Centralised, null, null, true)]
    // 支部自行组织 by one division: only its volunteers.
    [InlineData(OrganiserType.Branch, null, "d-energy", true)]
    [InlineData(OrganiserType.Branch, null, "d-other", false)]
    [InlineData(OrganiserType.Branch, null, null, false)]
    // Joint (联合处室): the lead and every joint division, nobody else.
    [InlineData(OrganiserType.Branch, "d-sme", "d-energy", true)]
    [InlineData(OrganiserType.Branch, "d-sme", "d-sme", true)]
    [InlineData(OrganiserType.Branch, "d-sme", "d-other", false)]
    [InlineData(OrganiserType.Branch, "d-sme", null, false)]
    public async Task IsOpenTo_ByOrganiserAndDivision_ListSignUpAndDigestAgree(OrganiserType organiser, string? joint, string? division, bool expected)
    {
        var start = ProjectSamples.Local(2026, 12, 8);
        var project = ProjectSamples.Make(start, ProjectStatus.Open, organiser, "d-energy", joint is null ? null : [joint]);
        var store = new MemoryProjectStore();
        await store.CreateAsync(project, CancellationToken.None);
        var reader = new ProjectDigestReader(store, new MemorySignUpStore(), ProjectSamples.Options());

        var open = Assert.Single(await reader.ListOpenAsync(start.AddDays(-3), CancellationToken.None));

        Assert.Equal(expected, project.IsOpenTo(division));
        Assert.Equal(expected, open.OpenTo(division));
    }
}

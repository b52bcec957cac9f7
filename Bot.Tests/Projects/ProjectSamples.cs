using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Tests.Projects;

/// <summary>Projects for tests, in Asia/Shanghai.</summary>
internal static class ProjectSamples
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static IOptions<VolunteeringOptions> Options(params string[] committee) =>
        Microsoft.Extensions.Options.Options.Create(new VolunteeringOptions { CommitteeAadObjectIds = [.. committee] });

    /// <summary>Local Shanghai time.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour = 9, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.FromHours(8));

    public static Project Make(
        DateTimeOffset start,
        ProjectStatus status = ProjectStatus.Filed,
        OrganiserType organiser = OrganiserType.Branch,
        string division = "d-energy",
        string[]? joint = null,
        int capacity = 30,
        string? id = null,
        DateTimeOffset? filedAt = null) => new()
    {
        Id = id ?? Project.NewId((filedAt ?? start.AddDays(-7)).Year),
        Title = "工业节能宣传进企业",
        CategoryId = "industrial-energy",
        Organiser = organiser,
        Origin = ProjectOrigin.Applied,
        DivisionId = division,
        JointDivisionIds = joint ?? [],
        Start = start,
        End = start.AddHours(3),
        Place = "银川市金凤区工业园",
        Capacity = capacity,
        Description = "向企业宣传工业节能政策",
        IsIndustrySpecific = true,
        Status = status,
        FiledByAadObjectId = "liaison-1",
        FiledByName = "李强",
        FiledAt = filedAt ?? start.AddDays(-7),
        UpdatedAt = filedAt ?? start.AddDays(-7),
    };
}

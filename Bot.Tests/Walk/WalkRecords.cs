using VolunteerBot.Dialogs.Domain.Hours;

namespace VolunteerBot.Tests.Walk;

/// <summary>The service record the Playground walkthrough logs: 刘洋's 3 hours of community service on 2026-11-29.</summary>
internal static class WalkRecords
{
    public static ServiceRecord LiuYangCommunity(RecordStatus status, int points = 0) => new()
    {
        VolunteerAadObjectId = "aad-liu-yang",
        VolunteerName = "刘洋",
        DivisionId = "d1",
        ProjectTitle = "社区志愿服务",
        Content = "金凤区丰庆社区：社区垃圾分类宣传",
        Date = new DateOnly(2026, 11, 29),
        Hours = 3m,
        Points = points,
        Status = status,
        Source = RecordSource.Volunteer,
        LoggedByAadObjectId = "aad-liu-yang",
        LoggedAt = DateTimeOffset.Parse("2026-11-29T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
    };
}

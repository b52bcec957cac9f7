using VolunteerBot.Dialogs.Domain.Projects;

namespace VolunteerBot.Tests.Projects;

public sealed class ProjectLifecycleTests
{
    private static readonly DateTimeOffset Start = ProjectSamples.Local(2025, 6, 7, 9);
    private static readonly DateTimeOffset Before = Start.AddDays(-3);

    [Fact]
    public void Approve_Filed_BecomesApprovedWithDecider()
    {
        var t = ProjectLifecycle.Approve(ProjectSamples.Make(Start), "c1", "张书记", Before);

        Assert.True(t.Ok);
        Assert.Equal(ProjectStatus.Approved, t.Project.Status);
        Assert.Equal("张书记", t.Project.DecidedByName);
    }

    [Theory]
    [InlineData(ProjectStatus.Open, TransitionError.AlreadyDone)]
    [InlineData(ProjectStatus.Returned, TransitionError.WrongStatus)]
    [InlineData(ProjectStatus.Cancelled, TransitionError.WrongStatus)]
    public void Approve_NotFiled_Refused(ProjectStatus status, TransitionError expected)
    {
        var t = ProjectLifecycle.Approve(ProjectSamples.Make(Start, status), "c1", "张书记", Before);

        Assert.Equal(expected, t.Error);
    }

    [Fact]
    public void Approve_AfterStart_TooLate()
    {
        Assert.Equal(TransitionError.TooLate, ProjectLifecycle.Approve(ProjectSamples.Make(Start), "c", "c", Start.AddMinutes(1)).Error);
    }

    [Fact]
    public void ReturnRefileApprove_KeepsReturnHistory()
    {
        var returned = ProjectLifecycle.Return(ProjectSamples.Make(Start), "c1", "张书记", Before, "请补充活动地点").Project;
        var edited = returned with { Place = "银川市工业园区管委会" };

        var refiled = ProjectLifecycle.Refile(returned, edited, "l1", "李强", Before.AddHours(1));
        var approved = ProjectLifecycle.Approve(refiled.Project, "c1", "张书记", Before.AddHours(2));

        Assert.Equal(ProjectStatus.Filed, refiled.Project.Status);
        Assert.Null(refiled.Project.DecidedAt);
        Assert.Equal("银川市工业园区管委会", approved.Project.Place);
        Assert.Equal("请补充活动地点", Assert.Single(approved.Project.Returns).Reason);
    }

    [Fact]
    public void Refile_Approved_Refused()
    {
        var p = ProjectSamples.Make(Start, ProjectStatus.Open);

        Assert.Equal(TransitionError.WrongStatus, ProjectLifecycle.Refile(p, p, "l", "l", Before).Error);
    }

    [Fact]
    public void StatusAt_OpenProject_InProgressThenCompletedByTheClock()
    {
        var p = ProjectSamples.Make(Start, ProjectStatus.Open);

        Assert.Equal(ProjectStatus.Open, p.StatusAt(Before));
        Assert.True(p.AcceptsSignUps(Before));
        Assert.Equal(ProjectStatus.InProgress, p.StatusAt(Start.AddHours(1)));
        Assert.False(p.AcceptsSignUps(Start));
        Assert.Equal(ProjectStatus.Completed, p.StatusAt(p.End));
    }

    [Fact]
    public void Archive_OnlyAfterCompletion()
    {
        var p = ProjectSamples.Make(Start, ProjectStatus.Open);

        Assert.Equal(TransitionError.WrongStatus, ProjectLifecycle.Archive(p, Before).Error);
        Assert.Equal(ProjectStatus.Archived, ProjectLifecycle.Archive(p, p.End.AddDays(1)).Project.Status);
    }

    [Fact]
    public void Archive_Completed_RecordsWhoAndWhen_SecondTimeAlreadyDone()
    {
        var p = ProjectSamples.Make(Start, ProjectStatus.Open);
        var at = p.End.AddDays(2);

        var archived = ProjectLifecycle.Archive(p, at, "c", "张书记");

        Assert.True(archived.Ok);
        Assert.Equal(("c", "张书记", (DateTimeOffset?)at), (archived.Project.ArchivedByAadObjectId, archived.Project.ArchivedByName, archived.Project.ArchivedAt));
        Assert.True(archived.Project.IsGoingAhead());
        Assert.Equal(TransitionError.AlreadyDone, ProjectLifecycle.Archive(archived.Project, at.AddMinutes(1)).Error);
    }

    [Theory]
    [InlineData(ProjectStatus.Cancelled)]
    [InlineData(ProjectStatus.Filed)]
    [InlineData(ProjectStatus.Returned)]
    [InlineData(ProjectStatus.Assigned)]
    public void Archive_NeverApprovedOrCancelled_RefusedEvenAfterTheEnd(ProjectStatus status)
    {
        var p = ProjectSamples.Make(Start, status);

        Assert.Equal(TransitionError.WrongStatus, ProjectLifecycle.Archive(p, p.End.AddDays(1)).Error);
        Assert.Equal(ArchiveBlock.NotCompleted, p.ArchiveBlocker(p.End.AddDays(1), HoursOutstanding.None));
    }

    [Fact]
    public void ArchiveBlocker_InOrder_NotEnded_Attendance_PendingHours_Declaration_ThenNone()
    {
        var p = ProjectSamples.Make(Start, ProjectStatus.Open);
        var after = p.End.AddDays(3);
        var declared = p with { DeclarationNumber = "NX-2025-001" };

        Assert.Equal(ArchiveBlock.NotCompleted, declared.ArchiveBlocker(Start.AddHours(1), HoursOutstanding.None));
        Assert.Equal(ArchiveBlock.AttendanceUnconfirmed, declared.ArchiveBlocker(after, new HoursOutstanding(true, 2)));
        Assert.Equal(ArchiveBlock.HoursPending, declared.ArchiveBlocker(after, new HoursOutstanding(false, 2)));
        Assert.Equal(ArchiveBlock.NoDeclaration, p.ArchiveBlocker(after, HoursOutstanding.None));
        Assert.Equal(ArchiveBlock.None, declared.ArchiveBlocker(after, HoursOutstanding.None));
        Assert.Equal(ArchiveBlock.AlreadyArchived, (declared with { Status = ProjectStatus.Archived }).ArchiveBlocker(after, HoursOutstanding.None));
    }

    [Fact]
    public void Cancel_ArchivedProject_TooLate()
    {
        var p = ProjectSamples.Make(Start, ProjectStatus.Archived);

        Assert.Equal(TransitionError.TooLate, ProjectLifecycle.Cancel(p, "c", p.End.AddDays(1), null).Error);
    }

    [Fact]
    public void Cancel_OpenProjectBeforeEnd_Cancelled_AfterEnd_TooLate()
    {
        var p = ProjectSamples.Make(Start, ProjectStatus.Open);

        Assert.Equal(ProjectStatus.Cancelled, ProjectLifecycle.Cancel(p, "c", Before, "天气").Project.Status);
        Assert.Equal(TransitionError.TooLate, ProjectLifecycle.Cancel(p, "c", p.End, null).Error);
    }

    [Fact]
    public void Open_OnlyFromApproved_Once()
    {
        var approved = ProjectSamples.Make(Start, ProjectStatus.Approved);
        var opened = ProjectLifecycle.Open(approved, Before).Project;

        Assert.Equal(ProjectStatus.Open, opened.Status);
        Assert.Equal(TransitionError.AlreadyDone, ProjectLifecycle.Open(opened, Before).Error);
        Assert.Equal(TransitionError.WrongStatus, ProjectLifecycle.Open(ProjectSamples.Make(Start), Before).Error);
    }

    [Fact]
    public void Declare_Filed_Refused_Approved_Saved()
    {
        Assert.Equal(TransitionError.WrongStatus, ProjectLifecycle.Declare(ProjectSamples.Make(Start), "N1", "c", Before).Error);
        Assert.Equal("N1", ProjectLifecycle.Declare(ProjectSamples.Make(Start, ProjectStatus.Open), "N1", "c", Before).Project.DeclarationNumber);
    }

    [Theory]
    [InlineData("30", true, 30)]
    [InlineData("30.0", true, 30)]
    [InlineData("0", false, 0)]
    [InlineData("-3", false, 0)]
    [InlineData("2.5", false, 0)]
    [InlineData("501", false, 0)]
    [InlineData("", false, 0)]
    public void TryCapacity_WholeNumbersOneTo500(string text, bool ok, int value)
    {
        Assert.Equal(ok, ProjectRules.TryCapacity(text, out var capacity));
        Assert.Equal(value, capacity);
    }

    [Fact]
    public void Categories_HaveUniqueIdsAndBothNames_IndustryOnesTiedToSeedDivisions()
    {
        Assert.Equal(ProjectCategories.All.Count, ProjectCategories.All.Select(c => c.Id).Distinct().Count());
        Assert.All(ProjectCategories.All, c => Assert.False(string.IsNullOrWhiteSpace(c.NameZh + c.NameEn)));
        Assert.Contains("中小企业处", ProjectCategories.Find("sme-day")!.SuggestedDivisionNames);
        Assert.Equal(12, ProjectCategories.All.Count(c => !c.IsIndustry));
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Privacy;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Training;
using VolunteerBot.Dialogs.Handlers.Privacy;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Tests.Hours;
using VolunteerBot.Tests.Projects;

namespace VolunteerBot.Tests.Findway;

/// <summary>
/// PIPL through the real pipeline on Azurite: consent recorded at registration, 导出我的数据 holding every kind of row
/// a volunteer can have, 注销志愿者 asked by the volunteer and confirmed by the committee erasing what it should and
/// keeping service records, roster leavers offboarded after the grace period, and every step in the audit trail.
/// </summary>
public sealed class PrivacyTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector);
        _ = _bot.Server;
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private T S<T>() where T : notnull => _bot.Service<T>();

    private static Dictionary<string, string> Registration(string divisionId, string privacy = "true") => new()
    {
        [TeamRegistrationCard.Name] = "王芳",
        [TeamRegistrationCard.DivisionId] = divisionId,
        [TeamRegistrationCard.Party] = "true",
        [TeamRegistrationCard.Mobile] = "13812345678",
        [TeamRegistrationCard.NationalId] = "NV12345678",
        [TeamRegistrationCard.Pledge] = "true",
        [TeamRegistrationCard.Privacy] = privacy,
    };

    private async Task<(TestUser User, string DivisionId)> RegisteredAsync()
    {
        var division = (await S<IDivisionStore>().CreateAsync("中小企业处", DateTimeOffset.UtcNow, _ct)).Division!;
        var user = TestUser.New("王芳");
        await _bot.ExecuteAsync(user, TeamVerbs.RegisterSubmit, Registration(division.Id));
        return (user, division.Id);
    }

    [Fact]
    public async Task Register_WithoutPrivacyConsent_StoresNothingAndSaysWhatToDo()
    {
        var division = (await S<IDivisionStore>().CreateAsync("中小企业处", DateTimeOffset.UtcNow, _ct)).Division!;
        var user = TestUser.New("王芳");

        var card = await _bot.ExecuteAsync(user, TeamVerbs.RegisterSubmit, Registration(division.Id, privacy: "false"));

        Assert.Null(await S<IVolunteerStore>().GetAsync(user.AadObjectId, _ct));
        Assert.Contains("请阅读个人信息处理说明", CardText.Of(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_WithConsent_RecordsTheDateOnTheProfileAndInTheAuditTrail()
    {
        var before = DateTimeOffset.UtcNow;
        var (user, _) = await RegisteredAsync();
        var opened = await _bot.ExecuteAsync(TestUser.New("刘洋"), TeamVerbs.RegisterOpen);

        var stored = await S<IVolunteerStore>().GetAsync(user.AadObjectId, _ct);
        Assert.NotNull(stored?.PrivacyConsentAt);
        Assert.True(stored.PrivacyConsentAt >= before.AddSeconds(-1));
        var audit = await S<IAuditTrail>().ListAsync(PrivacyAudit.Consent, 50, _ct);
        Assert.Contains(audit, e => e.Target == user.AadObjectId);
        Assert.Contains("个人信息处理说明", CardText.Of(opened), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportMyData_VolunteerWithEveryKindOfRow_WorkbookHoldsEveryKind()
    {
        var (user, divisionId) = await RegisteredAsync();
        var v = user.AadObjectId;
        var now = DateTimeOffset.UtcNow;
        var project = ProjectSamples.Make(now.AddDays(5), ProjectStatus.Open, OrganiserType.Centralised, divisionId, id: Project.NewId(now.Year));
        await S<IProjectStore>().CreateAsync(project, _ct);
        await S<ISignUpStore>().SignUpAsync(new SignUpRequest(project.Id, v, "王芳", divisionId, 10, now), _ct);
        var draft = HoursArithmeticTests.Record(DateOnly.FromDateTime(now.AddDays(-3).Date), project.Id, 3m, RecordStatus.Pending) with
        {
            VolunteerAadObjectId = v, VolunteerName = "王芳", LoggedByAadObjectId = v, DivisionId = divisionId,
        };
        var records = S<IServiceRecordStore>();
        await records.ApplyAsync(v, draft.Id, b => RecordRules.Log(b, draft, now), _ct);
        await records.ApplyAsync(v, draft.Id, b => RecordRules.Confirm(b!, 3m, ServiceQuality.Good, PointsRules.Default, new Actor("l1", "李强"), now), _ct);
        await records.RedeemAsync(new PointsExchange(Guid.NewGuid().ToString("N"), v, 5, "纪念徽章", BotFactory.CommitteeId, "张书记", now), _ct);
        var feedback = (await S<IFeedbackStore>().AddAsync(new Feedback { Id = "f1", AadObjectId = v, Name = "王芳", Kind = FeedbackKind.Suggestion, Text = "建议增加周末活动", CreatedAt = now }, _ct)).Feedback;
        await S<IFeedbackStore>().ReplyAsync(v, feedback.Id, "已采纳", BotFactory.CommitteeId, "张书记", now, _ct);
        await S<ITrainingStore>().SaveAsync(new TrainingSession
        {
            Id = "t-" + Guid.NewGuid().ToString("N")[..8], Title = "道德讲堂", Kind = TrainingKind.MoralLecture, Date = DateOnly.FromDateTime(now.Date), Hours = 2m,
            Organiser = "机关党委", Attendees = [new TrainingAttendee(v, "王芳", divisionId)], RecordedByAadObjectId = BotFactory.CommitteeId, RecordedByName = "张书记", RecordedAt = now,
        }, _ct);
        var item = (await S<IGearStore>().AddItemAsync("队旗", 5, now, _ct)).Item!;
        await LoanAsync(v, "王芳", project, item, returned: false, now);
        await LoanAsync(v, "王芳", project, item, returned: true, now.AddDays(-30));

        // The real path: the handler publishes through the document service, the card carries the expiring link, and
        // the link endpoint serves the xlsx that MiniExcel reads back.
        var card = await _bot.ExecuteAsync(user, "menu.run", new Dictionary<string, string> { ["command"] = "导出我的数据" });

        var url = Rules.RulesWorld.UrlOf(card);
        var xlsx = await _bot.CreateClient().GetByteArrayAsync(new Uri(url).PathAndQuery);
        using var stream = new MemoryStream(xlsx);
        var sheets = MiniExcelLibs.MiniExcel.GetSheetNames(stream);
        List<IDictionary<string, object?>> Rows(string sheet)
        {
            Assert.Contains(sheet, sheets);
            stream.Position = 0;
            return [.. MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>()];
        }

        var profile = Rows("个人资料");
        Assert.Contains(profile, r => (string?)r["项目"] == "手机号码" && (string?)r["内容"] == "13812345678");
        Assert.Contains(profile, r => (string?)r["内容"] == "NV12345678");
        Assert.Contains(profile, r => (string?)r["项目"] == "同意个人信息处理说明时间" && !string.IsNullOrEmpty(r["内容"] as string));
        Assert.Contains(Rows("处室经历"), r => (string?)r["处室"] == "中小企业处");
        Assert.Contains(Rows("报名"), r => (string?)r["项目"] == project.Title && (string?)r["状态"] == "Confirmed");
        Assert.Contains(Rows("服务记录"), r => Convert.ToDecimal(r["时长"], System.Globalization.CultureInfo.InvariantCulture) == 3m && (string?)r["状态"] == "Confirmed");
        var points = Rows("积分");
        Assert.Contains(points, r => (string?)r["兑换物品"] == "纪念徽章" && (string?)r["经办人"] == "张书记" && Convert.ToInt32(r["积分"], System.Globalization.CultureInfo.InvariantCulture) == -5);
        Assert.Contains(points, r => (string?)r["日期"] == "积分余额");
        Assert.Contains(Rows("意见建议"), r => (string?)r["内容"] == "建议增加周末活动" && (string?)r["回复"] == "已采纳");
        Assert.Contains(Rows("培训"), r => (string?)r["名称"] == "道德讲堂");
        var gear = Rows("装备领用");
        Assert.Contains(gear, r => (string?)r["状态"] == "Requested" && (string?)r["物品"] == "队旗×1");
        Assert.Contains(gear, r => (string?)r["状态"] == "Returned" && !string.IsNullOrEmpty(r["销号时间"] as string));
        Assert.Contains(await S<IAuditTrail>().ListAsync(PrivacyAudit.Exported, 10, _ct), e => e.Target == v);
    }

    /// <summary>A loan of one flag held by <paramref name="holder"/>: requested, or handed over, reported back and received (closed).</summary>
    private async Task<GearLoan> LoanAsync(string holder, string name, Project project, GearItem item, bool returned, DateTimeOffset at)
    {
        var store = S<IGearStore>();
        var id = "loan-" + Guid.NewGuid().ToString("N")[..8];
        var loan = (await store.RequestAsync(new GearLoan
        {
            Id = id, ProjectId = project.Id, ProjectTitle = project.Title, ActivityEnd = project.End, DivisionId = project.DivisionId,
            Lines = [new GearLine(item.Id, item.Name, 1)], Status = GearLoanStatus.Requested, RequestedByAadObjectId = holder, RequestedByName = name, RequestedAt = at,
        }, _ct)).After!;
        if (returned)
        {
            await store.UpdateLoanAsync(id, l => GearRules.HandOver(l, BotFactory.CommitteeId, "张书记", at), _ct);
            await store.UpdateLoanAsync(id, l => GearRules.ReportReturn(l, holder, name, at.AddDays(1)), _ct);
            loan = (await store.UpdateLoanAsync(id, l => GearRules.Receive(l, new Dictionary<string, (int, int)>(), BotFactory.CommitteeId, "张书记", null, at.AddDays(2)), _ct)).After!;
            Assert.Equal(GearLoanStatus.Returned, loan.Status);
        }

        return loan;
    }

    [Fact]
    public async Task Leave_VolunteerAsksCommitteeConfirms_ErasesProfileAndNameEverywhereButServiceRecords()
    {
        var (user, divisionId) = await RegisteredAsync();
        var v = user.AadObjectId;
        var now = DateTimeOffset.UtcNow;
        var future = ProjectSamples.Make(now.AddDays(5), ProjectStatus.Open, OrganiserType.Centralised, divisionId, id: Project.NewId(now.Year));
        await S<IProjectStore>().CreateAsync(future, _ct);
        await S<ISignUpStore>().SignUpAsync(new SignUpRequest(future.Id, v, "王芳", divisionId, 10, now), _ct);
        var draft = HoursArithmeticTests.Record(DateOnly.FromDateTime(now.AddDays(-3).Date), "2025-aaaa0001", 3m, RecordStatus.Pending) with
        {
            VolunteerAadObjectId = v, VolunteerName = "王芳", LoggedByAadObjectId = v, DivisionId = divisionId,
        };
        await S<IServiceRecordStore>().ApplyAsync(v, draft.Id, b => RecordRules.Log(b, draft, now), _ct);
        var past = ProjectSamples.Make(now.AddDays(-10), ProjectStatus.Open, OrganiserType.Centralised, divisionId, id: Project.NewId(now.Year));
        await S<IProjectStore>().CreateAsync(past, _ct);
        await S<ISignUpStore>().SignUpAsync(new SignUpRequest(past.Id, v, "王芳", divisionId, 10, now.AddDays(-12)), _ct);
        var other = TestUser.New("刘洋");
        await S<ISignUpStore>().SignUpAsync(new SignUpRequest(past.Id, other.AadObjectId, "刘洋", divisionId, 10, now.AddDays(-12)), _ct);
        await S<IFeedbackStore>().AddAsync(new Feedback { Id = "f1", AadObjectId = v, Name = "王芳", Kind = FeedbackKind.Suggestion, Text = "建议增加周末活动", CreatedAt = now }, _ct);
        var training = new TrainingSession
        {
            Id = TrainingSession.NewId(now.Year), Title = "道德讲堂", Kind = TrainingKind.MoralLecture, Date = DateOnly.FromDateTime(now.Date), Hours = 2m, Organiser = "机关党委",
            Attendees = [new TrainingAttendee(v, "王芳", divisionId), new TrainingAttendee(other.AadObjectId, "刘洋", divisionId)],
            RecordedByAadObjectId = BotFactory.CommitteeId, RecordedByName = "张书记", RecordedAt = now,
        };
        await S<ITrainingStore>().SaveAsync(training, _ct);
        var item = (await S<IGearStore>().AddItemAsync("队旗", 5, now, _ct)).Item!;
        var openLoan = await LoanAsync(v, "王芳", future, item, returned: false, now);
        var closedLoan = await LoanAsync(v, "王芳", past, item, returned: true, now.AddDays(-12));
        await S<IDivisionStore>().AddLiaisonAsync(divisionId, v, _ct);
        await S<IStaffStore>().ImportAsync("team-1", [new StaffMember(v, "王芳", null)], now, _ct);

        var explained = await _bot.ExecuteAsync(user, "menu.run", new Dictionary<string, string> { ["command"] = "注销志愿者" });
        Assert.Contains("志愿服务记录与证明出具办法", CardText.Of(explained), StringComparison.Ordinal);
        var asked = await _bot.ExecuteAsync(user, LeaveHandler.RequestVerb);
        Assert.Contains("已提交注销申请", CardText.Of(asked), StringComparison.Ordinal);
        Assert.NotNull(await S<IVolunteerStore>().GetAsync(v, _ct)); // nothing erased before the committee confirms

        var confirmed = await _bot.ExecuteAsync(TestUser.Committee, LeaveHandler.ConfirmVerb, new Dictionary<string, string> { ["volunteer"] = v });

        Assert.Contains("已注销", CardText.Of(confirmed), StringComparison.Ordinal);
        Assert.Null(await S<IVolunteerStore>().GetAsync(v, _ct));
        Assert.DoesNotContain(await S<IVolunteerStore>().ListByDivisionAsync(divisionId, _ct), x => x.AadObjectId == v);
        Assert.DoesNotContain(await S<IVolunteerStore>().ListAllAsync(_ct), x => x.AadObjectId == v);
        Assert.False((await S<IDivisionStore>().GetAsync(divisionId, _ct))!.IsLiaison(v));
        Assert.Equal(SignUpStatus.Cancelled, (await S<ISignUpStore>().GetAsync(future.Id, v, _ct))!.Status);
        Assert.NotNull((await S<IStaffStore>().ListAsync(_ct)).Single(s => s.AadObjectId == v).OptedOutAt);
        var kept = Assert.Single(await S<IServiceRecordStore>().ListByVolunteerAsync(v, null, _ct));
        Assert.Equal("王芳", kept.VolunteerName);
        // The name stays only on service records: everywhere else the rows stay (counts hold) under （已注销）.
        var pastSignUps = await S<ISignUpStore>().ListByProjectAsync(past.Id, _ct);
        Assert.Equal(PrivacyAudit.ErasedName, pastSignUps.Single(x => x.VolunteerAadObjectId == v).VolunteerName);
        Assert.Equal("刘洋", pastSignUps.Single(x => x.VolunteerAadObjectId == other.AadObjectId).VolunteerName);
        Assert.Equal(PrivacyAudit.ErasedName, (await S<ISignUpStore>().GetAsync(future.Id, v, _ct))!.VolunteerName);
        Assert.Equal(PrivacyAudit.ErasedName, (await S<IFeedbackStore>().GetAsync(v, "f1", _ct))!.Name);
        var attendees = (await S<ITrainingStore>().GetAsync(training.Id, _ct))!.Attendees;
        Assert.Equal([PrivacyAudit.ErasedName, "刘洋"], attendees.Select(a => a.Name));
        Assert.Single(await S<ITrainingStore>().ListForVolunteerAsync(v, _ct));
        foreach (var loan in new[] { openLoan, closedLoan })
        {
            var stored = (await S<IGearStore>().GetLoanAsync(loan.Id, _ct))!;
            Assert.Equal(PrivacyAudit.ErasedName, stored.RequestedByName);
            Assert.Equal(loan.Status, stored.Status);
        }

        Assert.Equal(PrivacyAudit.ErasedName, (await S<IGearStore>().GetLoanAsync(closedLoan.Id, _ct))!.ReturnReportedByName);
        Assert.Equal("张书记", (await S<IGearStore>().GetLoanAsync(closedLoan.Id, _ct))!.ClosedByName);
        var everything = System.Text.Json.JsonSerializer.Serialize(await S<PrivacyContext>().GatherAsync(v, _ct) with { Records = [] });
        Assert.DoesNotContain("王芳", everything, StringComparison.Ordinal);
        var trail = await S<IAuditTrail>().ListAsync("privacy.erase", 10, _ct);
        Assert.Contains(trail, e => e.Action == PrivacyAudit.EraseRequested && e.Target == v);
        Assert.Contains(trail, e => e.Action == PrivacyAudit.Erased && e.Target == v && e.ActorAadObjectId == BotFactory.CommitteeId && e.Detail.Contains("namesErased=6", StringComparison.Ordinal));

        var again = await _bot.ExecuteAsync(TestUser.Committee, LeaveHandler.ConfirmVerb, new Dictionary<string, string> { ["volunteer"] = v });
        Assert.Contains("已注销，无需再次确认", CardText.Of(again), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leave_ConfirmByVolunteer_IsRefused()
    {
        var (user, _) = await RegisteredAsync();

        var card = await _bot.ExecuteAsync(user, LeaveHandler.ConfirmVerb, new Dictionary<string, string> { ["volunteer"] = user.AadObjectId });

        Assert.Contains("仅限机关党委", CardText.Of(card), StringComparison.Ordinal);
        Assert.NotNull(await S<IVolunteerStore>().GetAsync(user.AadObjectId, _ct));
    }

    [Fact]
    public async Task OffboardLeavers_PastTheGracePeriod_ErasedTheSameWayAndAudited()
    {
        var staff = new MemoryStaffStore();
        await using var bot = new BotFactory(_connector) { Replace = s => s.Replace(ServiceDescriptor.Singleton<IStaffStore>(staff)) };
        var division = (await bot.Service<IDivisionStore>().CreateAsync("中小企业处", DateTimeOffset.UtcNow, _ct)).Division!;
        var gone = TestUser.New("离职甲");
        var recent = TestUser.New("离职乙");
        foreach (var u in new[] { gone, recent })
        {
            await bot.ExecuteAsync(u, TeamVerbs.RegisterSubmit, Registration(division.Id));
        }

        var now = DateTimeOffset.UtcNow;
        staff.Records[gone.AadObjectId] = new StaffRecord { AadObjectId = gone.AadObjectId, Name = "离职甲", LeftAt = now.AddDays(-40) };
        staff.Records[recent.AadObjectId] = new StaffRecord { AadObjectId = recent.AadObjectId, Name = "离职乙", LeftAt = now.AddDays(-10) };

        var erased = await bot.Service<PrivacyContext>().OffboardLeaversAsync(TimeSpan.FromDays(30), _ct);

        Assert.Equal([gone.AadObjectId], erased);
        Assert.Null(await bot.Service<IVolunteerStore>().GetAsync(gone.AadObjectId, _ct));
        Assert.NotNull(await bot.Service<IVolunteerStore>().GetAsync(recent.AadObjectId, _ct));
        Assert.NotNull(staff.Records[gone.AadObjectId].OptedOutAt);
        Assert.Contains(await bot.Service<IAuditTrail>().ListAsync(PrivacyAudit.LeaverOffboarded, 10, _ct), e => e.Target == gone.AadObjectId && e.ActorAadObjectId == "system");
        Assert.Empty(await bot.Service<PrivacyContext>().OffboardLeaversAsync(TimeSpan.FromDays(30), _ct));
    }

    [Fact]
    public async Task MyProjects_CommitteeRegisteredButNoLiaison_ShowsTheirOwnDivisionsProjects()
    {
        var division = (await S<IDivisionStore>().CreateAsync("政策法规处", DateTimeOffset.UtcNow, _ct)).Division!;
        var other = (await S<IDivisionStore>().CreateAsync("中小企业处", DateTimeOffset.UtcNow, _ct)).Division!;
        await _bot.ExecuteAsync(TestUser.Committee, TeamVerbs.RegisterSubmit, Registration(division.Id));
        var now = DateTimeOffset.UtcNow;
        var mine = ProjectSamples.Make(now.AddDays(3), ProjectStatus.Open, OrganiserType.Branch, division.Id, id: Project.NewId(now.Year)) with { Title = "企业普法宣传" };
        var theirs = ProjectSamples.Make(now.AddDays(4), ProjectStatus.Open, OrganiserType.Branch, other.Id, id: Project.NewId(now.Year)) with { Title = "中小企业日" };
        await S<IProjectStore>().CreateAsync(mine, _ct);
        await S<IProjectStore>().CreateAsync(theirs, _ct);

        var card = CardText.Of(await _bot.ExecuteAsync(TestUser.Committee, "menu.run", new Dictionary<string, string> { ["command"] = "我的项目" }));

        Assert.Contains("企业普法宣传", card, StringComparison.Ordinal);
        Assert.DoesNotContain("中小企业日", card, StringComparison.Ordinal);
        Assert.DoesNotContain("本处室近期没有项目", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DivisionsManage_CommitteeInEmptyDepartment_OffersTheFiveDivisionsOnTheCard()
    {
        var empty = await _bot.ExecuteAsync(TestUser.Committee, "menu.run", new Dictionary<string, string> { ["command"] = "处室管理" });

        var seed = Assert.Single(empty!["body"]!.AsArray().Where(e => (string?)e!["type"] == "ActionSet").SelectMany(e => e!["actions"]!.AsArray()),
            a => (string?)a!["verb"] == TeamVerbs.DivisionsSeed);
        Assert.Equal("添加五个处室", (string?)seed!["title"]);
        var seeded = await _bot.ExecuteAsync(TestUser.Committee, TeamVerbs.DivisionsSeed);
        Assert.Equal(5, (await S<IDivisionStore>().ListAsync(includeArchived: false, _ct)).Count);
        Assert.DoesNotContain(TeamVerbs.DivisionsSeed, CardText.Of(seeded), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_CommitteeInEmptyDepartment_OffersTheFiveDivisionsRightThere()
    {
        var committee = await _bot.ExecuteAsync(TestUser.Committee, TeamVerbs.RegisterOpen);
        var volunteer = await _bot.ExecuteAsync(TestUser.New("王芳"), TeamVerbs.RegisterOpen);

        Assert.Contains(TeamVerbs.DivisionsSeed, CardText.Of(committee), StringComparison.Ordinal);
        Assert.DoesNotContain(TeamVerbs.DivisionsSeed, CardText.Of(volunteer), StringComparison.Ordinal);
        Assert.Contains("请联系机关党委", CardText.Of(volunteer), StringComparison.Ordinal);
        var seeded = await _bot.ExecuteAsync(TestUser.Committee, TeamVerbs.DivisionsSeed);
        Assert.Equal(5, (await S<IDivisionStore>().ListAsync(includeArchived: false, _ct)).Count);
        Assert.NotNull(seeded);
    }
}

using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Handlers.Reminders;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Tests.Team;
using VolunteerBot.Dialogs.Cards;

namespace VolunteerBot.Tests.Reminders;

/// <summary>The digest's numbers against a hand-built department, and who gets which letter.</summary>
public sealed class DigestTests
{
    private static readonly Quarter Q4 = new(2026, 4);

    /// <summary>
    /// Three divisions, ten volunteers, three staff not registered; six activities (one of them last year);
    /// hours for some. Expected figures are worked out by hand in the assertions.
    /// </summary>
    internal static DigestInput Department() => new()
    {
        Quarter = Q4,
        Today = new DateOnly(2026, 11, 16),
        Divisions =
        [
            new("d1", "政策法规处", ["v1"]),
            new("d2", "中小企业处", ["v7"]),
            new("d3", "消费品工业处", []),
        ],
        Volunteers =
        [
            new("v1", "张一", "d1"), new("v2", "王二", "d1"), new("v3", "李三", "d1"), new("v4", "赵四", "d1"),
            new("v5", "钱五", "d2"), new("v6", "孙六", "d2"), new("v7", "周七", "d2"),
            new("v8", "吴八", "d3"), new("v9", "郑九", "d3"), new("v10", "冯十", "d3"),
        ],
        StaffAadObjectIds = ["v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "v9", "v10", "V1", "s11", "s12", "s13"],
        Activities =
        [
            new("a1", "文明交通", DigestOrganiser.Centralised, ["d1", "d2"], new(2026, 3, 5)),
            new("a2", "垃圾分类", DigestOrganiser.Centralised, ["d1", "d2", "d3"], new(2026, 10, 20)),
            new("a3", "企业普法", DigestOrganiser.Branch, ["d1"], new(2026, 4, 10)),
            new("a4", "法律宣传", DigestOrganiser.Branch, ["d1"], new(2026, 11, 12)),
            new("a5", "中小企业服务日", DigestOrganiser.Branch, ["d2", "d3"], new(2026, 11, 20)),
            new("a6", "去年的活动", DigestOrganiser.Branch, ["d2"], new(2025, 12, 10)),
        ],
        OpenProjects = [new("p9", "敬老院探访", new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero), "省老年公寓", 6)],
        FilingsAwaitingApproval = 2,
        ApprovedWithoutDeclaration = 1,
        HoursThisYear = new Dictionary<string, VolunteerHours>
        {
            ["v1"] = new(25, 0), ["v2"] = new(4, 0), ["v3"] = new(0, 2), ["v5"] = new(8, 0), ["v6"] = new(1.5m, 0), ["v8"] = new(20, 0),
        },
        HoursThisQuarter = new Dictionary<string, VolunteerHours> { ["v1"] = new(3, 0), ["v3"] = new(0, 2), ["v8"] = new(1, 0) },
        PendingConfirmationsByDivision = new Dictionary<string, int> { ["d1"] = 2 },
        GearOutByDivision = new Dictionary<string, int> { ["d2"] = 1 },
    };

    [Fact]
    public void Compute_HandBuiltDepartment_DepartmentFigures()
    {
        var d = DigestCalculator.Compute(Department());

        Assert.Equal(3, d.ActivitiesThisQuarter);          // a2, a4, a5
        Assert.Equal(2, d.CentralisedThisYear);            // a1, a2
        Assert.True(d.CentralisedTargetMet);
        Assert.Equal(3, d.BranchThisYear);                 // a3, a4, a5 (a6 is last year)
        Assert.Equal(1, d.DivisionsMeetingBranchTarget);   // only d1 has 2
        Assert.Equal(10, d.RegisteredVolunteers);
        Assert.Equal(0.5m, d.ParticipationRate);           // v1 v2 v5 v6 v8 confirmed; v3 only pending
        Assert.Equal(5.85m, d.AverageHours);               // 58.5 h / 10
        Assert.Equal(2, d.VolunteersAt20Hours);            // v1 25 h, v8 exactly 20 h
        Assert.Equal(3, d.UnregisteredStaff);              // s11 s12 s13 ("V1" is v1)
        Assert.Equal(2, d.FilingsAwaitingApproval);
        Assert.Equal(1, d.ApprovedWithoutDeclaration);
    }

    [Fact]
    public void Compute_HandBuiltDepartment_DivisionStandings()
    {
        var s = DigestCalculator.Compute(Department()).Divisions.ToDictionary(x => x.DivisionId);

        Assert.Equal((2, 2, true), (s["d1"].ActivitiesThisQuarter, s["d1"].BranchActivitiesThisYear, s["d1"].BranchTargetMet));
        Assert.Equal((2, 1, false), (s["d2"].ActivitiesThisQuarter, s["d2"].BranchActivitiesThisYear, s["d2"].BranchTargetMet));
        Assert.Equal((2, 1), (s["d3"].ActivitiesThisQuarter, s["d3"].BranchActivitiesThisYear));
        Assert.Equal(["赵四"], s["d1"].MembersNotServed!);      // 李三 has pending hours: served
        Assert.Equal(["周七"], s["d2"].MembersNotServed!);
        Assert.Equal(["冯十", "郑九"], s["d3"].MembersNotServed!);
        Assert.Equal((2, 0), (s["d1"].AwaitingConfirmation, s["d1"].GearOut));
        Assert.Equal(1, s["d2"].GearOut);
    }

    [Fact]
    public void Compute_NoHoursOrProjectsYet_ShowsNoDataNotZero()
    {
        var input = Department() with { HoursThisYear = null, HoursThisQuarter = null, Activities = null, FilingsAwaitingApproval = null };

        var d = DigestCalculator.Compute(input);
        var card = CardText.Of(DigestCards.Digest(Localizer.For(Language.ZhCn), d).ToJson());

        Assert.Null(d.ParticipationRate);
        Assert.Null(d.Divisions[0].MembersNotServed);
        Assert.False(d.HasProjectData);
        Assert.Contains("暂无数据", card, StringComparison.Ordinal);
        Assert.Equal(10, DigestCalculator.VolunteersToRemind(input).Count);
    }

    [Fact]
    public void DigestCard_HandBuiltDepartment_ChineseFiguresAndBarChart()
    {
        var card = DigestCards.Digest(Localizer.For(Language.ZhCn), DigestCalculator.Compute(Department())).ToJson();
        var text = CardText.Of(card);

        Assert.Contains("2026年第四季度简报", text, StringComparison.Ordinal);
        Assert.Contains("50%（要求不低于 90%）", text, StringComparison.Ordinal);
        Assert.Contains("5.9 小时（要求不少于 4 小时）", text, StringComparison.Ordinal);
        Assert.Contains("1/3 个处室达到 2 次", text, StringComparison.Ordinal);
        Assert.Contains("\"style\":\"good\"", text, StringComparison.Ordinal); // a drawn bar
        Assert.Equal("1.5", card["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task PlanAsync_HandBuiltDepartment_UnservedVolunteersLiaisonsAndCommittee()
    {
        var settings = new MemoryUserSettingsStore();
        var options = Options.Create(new VolunteeringOptions { CommitteeAadObjectIds = ["c1"] });
        var planner = new ReminderPlanner(new FixedSource(Department()), new LanguageResolver(settings, options), options);

        var plan = await planner.PlanAsync(new ReminderRunContext("2026Q4-mid", Q4, ReminderKind.MidQuarter, DateTimeOffset.UtcNow), CancellationToken.None);
        var byId = plan.Recipients.ToDictionary(r => r.AadObjectId, r => r.Audience);

        // v1 served this quarter but is d1's liaison; v3 and v8 served; v7 has not served but is d2's liaison.
        Assert.Equal(["c1", "v1", "v10", "v2", "v4", "v5", "v6", "v7", "v9"], byId.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ReminderAudience.Liaison, byId["v7"]);
        Assert.Equal(ReminderAudience.Committee, byId["c1"]);
        var volunteer = CardText.Of((await plan.ComposeAsync(new("v2", ReminderAudience.Volunteer), CancellationToken.None)).Card);
        Assert.Contains("敬老院探访", volunteer, StringComparison.Ordinal);
        Assert.Contains("余 6 个名额", volunteer, StringComparison.Ordinal);
        var liaison = CardText.Of((await plan.ComposeAsync(new("v7", ReminderAudience.Liaison), CancellationToken.None)).Card);
        Assert.Contains("中小企业处", liaison, StringComparison.Ordinal);
        Assert.Contains("周七", liaison, StringComparison.Ordinal);
        Assert.DoesNotContain("政策法规处", liaison, StringComparison.Ordinal);
        var digest = CardText.Of((await plan.ComposeAsync(new("c1", ReminderAudience.Committee), CancellationToken.None)).Card);
        Assert.Contains("季度简报", digest, StringComparison.Ordinal);
        Assert.Contains("reminder.status", digest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanAsync_BranchProject_OfferedOnlyToItsDivisionsVolunteers()
    {
        var settings = new MemoryUserSettingsStore();
        var options = Options.Create(new VolunteeringOptions());
        var department = Department() with
        {
            OpenProjects =
            [
                new("p9", "敬老院探访", new DateTimeOffset(2026, 12, 5, 1, 0, 0, TimeSpan.Zero), "省老年公寓", 6),
                new("p10", "中小企业政策咨询", new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero), "企业服务大厅", 4) { OnlyForDivisions = ["d2"] },
            ],
        };
        var plan = await new ReminderPlanner(new FixedSource(department), new LanguageResolver(settings, options), options)
            .PlanAsync(new ReminderRunContext("2026Q4-mid", Q4, ReminderKind.MidQuarter, DateTimeOffset.UtcNow), CancellationToken.None);

        var policy = CardText.Of((await plan.ComposeAsync(new("v2", ReminderAudience.Volunteer), CancellationToken.None)).Card);
        var smes = CardText.Of((await plan.ComposeAsync(new("v5", ReminderAudience.Volunteer), CancellationToken.None)).Card);

        Assert.Contains("敬老院探访", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("中小企业政策咨询", policy, StringComparison.Ordinal);
        Assert.Contains("敬老院探访", smes, StringComparison.Ordinal);
        Assert.Contains("中小企业政策咨询", smes, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Language.ZhCn, "2027年1月1日 00:30")]
    [InlineData(Language.EnUs, "1 Jan 2027 00:30")]
    public void VolunteerReminder_OpenProjectStartingAtShanghaiNewYear_DateInTheCardsLanguage(Language language, string expected)
    {
        // 16:30 UTC on 31 Dec is half past midnight on 1 Jan in Shanghai: the date must be Shanghai's, not UTC's.
        var open = new DigestOpenProject("p9", "敬老院探访", new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero), "省老年公寓", 6);
        var run = new ReminderRunContext("2026Q4-final", Q4, ReminderKind.FinalCall, DateTimeOffset.UtcNow);

        var text = CardText.Of(DigestCards.VolunteerReminder(Localizer.For(language), run, [open], ReminderScheduleTests.Shanghai).ToJson());

        Assert.Contains(expected + " · 省老年公寓", text, StringComparison.Ordinal);
        Assert.Equal(language == Language.EnUs, !text.Contains("月", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusHandler_RunWithFailures_ShowsCountsAndResendButton()
    {
        var runs = new FakeRuns(new ReminderRunSummary
        {
            RunId = "2026Q4-mid", QuarterId = "2026Q4", Kind = ReminderKind.MidQuarter, Trigger = "schedule",
            CreatedAt = new DateTimeOffset(2026, 11, 16, 1, 0, 0, TimeSpan.Zero), FanOutDone = true,
            Recipients = 120, Sent = 110, Failed = 4, Unreachable = 5, Queued = 1,
        });
        var handler = new ReminderStatusHandler(runs, Options.Create(new VolunteeringOptions()));

        var result = await handler.HandleAsync(Turn("提醒进度"), CancellationToken.None);
        var text = CardText.Of(result.Replies.Single().Card);

        Assert.Contains("2026年第四季度 · 季度中期提醒", text, StringComparison.Ordinal);
        Assert.Contains("2026-11-16 09:00", text, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"110\"", text, StringComparison.Ordinal);
        Assert.Contains("重发失败", text, StringComparison.Ordinal);
        Assert.Contains("reminder.resend", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResendHandler_FailedRecipients_RequeuesAndSaysHowMany()
    {
        var runs = new FakeRuns(new ReminderRunSummary { RunId = "2026Q4-mid", QuarterId = "2026Q4", Kind = ReminderKind.MidQuarter, Trigger = "schedule", Failed = 4 });
        var handler = new ReminderResendHandler(runs, Options.Create(new VolunteeringOptions()));

        var result = await handler.HandleAsync(Turn(null, "reminder.resend", ("runId", "2026Q4-mid")), CancellationToken.None);

        Assert.Equal(1, runs.Resends);
        Assert.Contains("已将 4 条发送失败的提醒重新排队发送", CardText.Of(result.CardUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public void Router_ReminderCommandsAndVerbs_RequireCommittee()
    {
        var handlers = new ITurnHandler[]
        {
            new ReminderStatusHandler(new FakeRuns(null), Options.Create(new VolunteeringOptions())),
            new ReminderResendHandler(new FakeRuns(null), Options.Create(new VolunteeringOptions())),
            new ReminderRunNowHandler(new FakeRuns(null)),
            new DigestHandler(new FixedSource(Department()), TimeProvider.System, Options.Create(new VolunteeringOptions())),
        };

        Assert.All(handlers, h => Assert.Equal(Role.Committee, h.Route.Required));
    }

    private static Turn Turn(string? text, string? verb = null, params (string Key, string Value)[] data) => new()
    {
        User = new UserIdentity("c1", "29:c1", "张书记"),
        TenantId = "t",
        ConversationId = "a:c1",
        Kind = ConversationKind.Personal,
        Text = text ?? "",
        Verb = verb,
        IsInvoke = verb is not null,
        Data = new CardData(data.ToDictionary(d => d.Key, d => d.Value)),
        L = Localizer.For(Language.ZhCn),
        Roles = new UserRoles(true, true, new HashSet<string>(), null),
    };

    private sealed class FixedSource(DigestInput input) : IDigestSource
    {
        public Task<DigestInput> GatherAsync(Quarter quarter, DateTimeOffset now, CancellationToken cancellationToken) => Task.FromResult(input);
    }

    private sealed class FakeRuns(ReminderRunSummary? summary) : IReminderRuns
    {
        public int Resends { get; private set; }

        public Task<ReminderRunSummary?> GetAsync(string? runId, CancellationToken cancellationToken) => Task.FromResult(summary);

        public Task<ReminderRunStart> StartNowAsync(string requestedBy, CancellationToken cancellationToken) => Task.FromResult(new ReminderRunStart("2026Q4-manual-x", true));

        public Task<int> ResendFailedAsync(string runId, CancellationToken cancellationToken)
        {
            Resends++;
            return Task.FromResult(summary?.Failed ?? 0);
        }
    }
}

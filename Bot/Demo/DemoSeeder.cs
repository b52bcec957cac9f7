using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Privacy;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Training;
using VolunteerBot.Dialogs.Options;

namespace VolunteerBot.Demo;

/// <summary>
/// A living demo department for <c>scripts/dev.sh --demo</c>, written through the product's own stores and rules
/// (never raw rows): the five divisions, the Playground's six people and 40 more staff (most registered), a liaison per
/// division, projects in every state, sign-ups with a full activity and its waitlist, three quarters of confirmed and
/// pending hours, points and an exchange, gear on loan (one overdue, one returned), feedback with a reply and a training
/// with attendance. Idempotent (fixed ids, create-if-missing, the
/// stores' own "unchanged" answers) and dated relative to today in Asia/Shanghai.
/// </summary>
public sealed class DemoSeeder(
    IDivisionStore divisions,
    IVolunteerStore volunteers,
    IProjectStore projects,
    ISignUpStore signUps,
    IServiceRecordStore records,
    IFeedbackStore feedback,
    ITrainingStore trainings,
    IGearStore gear,
    IPointsLedgerStore ledger,
    IStaffStore staff,
    IHonourStore honours,
    IAuditTrail audit,
    TimeProvider time,
    IOptions<VolunteeringOptions> options)
{
    /// <summary>
    /// The Playground's six people (.m365agentsplayground.yml). 张书记 is the committee (scripts/dev.sh makes that id
    /// the committee) and also a registered volunteer of 政策法规处, so their own commands show content too.
    /// </summary>
    public static readonly (string Aad, string Name, string Division, bool Liaison)[] Playground =
    [
        ("3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b01", "张书记", "政策法规处", false),
        ("3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b02", "李强", "节能与综合利用处", true),
        ("3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b03", "刘洋", "节能与综合利用处", false),
        ("3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b04", "王芳", "中小企业处", false),
        ("3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b05", "陈静", "中小企业处", true),
        ("3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b06", "赵磊", "中小企业处", false),
    ];

    /// <summary>The team the demo roster is imported from (a made-up id; 导入名册 in the Playground reads the real one).</summary>
    public const string DemoTeamId = "demo-team-xueleifeng";

    private static readonly string[] Surnames = ["孙", "周", "吴", "郑", "冯", "褚", "卫", "蒋", "沈", "韩"];
    private static readonly string[] Given = ["明", "华", "丽", "军", "敏", "静", "伟", "芳"];

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var zone = options.Value.Zone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).Date);

        // Divisions, by name (creating twice is refused by the store's duplicate check, so look first).
        var existing = await divisions.ListAsync(includeArchived: true, ct).ConfigureAwait(false);
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in DivisionNames.Seed)
        {
            ids[name] = existing.FirstOrDefault(d => d.Name == name)?.Id
                ?? (await divisions.CreateAsync(name, now, ct).ConfigureAwait(false)).Division!.Id;
        }

        // People: the Playground's six plus 40 staff, 34 of them registered.
        var people = Playground.Select(p => (p.Aad, p.Name, Division: ids[p.Division], p.Liaison)).ToList();
        for (var i = 0; i < 40; i++)
        {
            var division = DivisionNames.Seed[i % DivisionNames.Seed.Count];
            people.Add(($"demo-staff-{i:D2}", Surnames[i % Surnames.Length] + Given[i % Given.Length] + (i / 10 > 0 ? Given[(i / 10) % Given.Length] : ""), ids[division], false));
        }

        // The staff roster, as 导入名册 stores it from the department's team: everybody, registered or not.
        await staff.ImportAsync(DemoTeamId, [.. people.Select(p => new StaffMember(p.Aad, p.Name, null))], now, ct).ConfigureAwait(false);

        var registered = people.Where((p, i) => i < Playground.Length || (i - Playground.Length) % 7 != 6).ToList();
        foreach (var p in registered)
        {
            await volunteers.SaveAsync(new VolunteerProfile(p.Aad, p.Name, p.Division, p.Name.Length % 2 == 0, null, null), now, today, ct).ConfigureAwait(false);
        }

        // A liaison per division: the Playground's two, and the first registered staff member elsewhere (not 张书记).
        (string Aad, string Name, string Division, bool Liaison) LiaisonOf(string division) =>
            people.FirstOrDefault(p => p.Division == division && p.Liaison) is { Aad: not null } named ? named
                : registered.Skip(Playground.Length).First(p => p.Division == division);
        foreach (var (name, id) in ids)
        {
            var liaison = LiaisonOf(id).Aad;
            var division = await divisions.GetAsync(id, ct).ConfigureAwait(false);
            if (division is not null && !division.IsLiaison(liaison))
            {
                await divisions.AddLiaisonAsync(id, liaison, ct).ConfigureAwait(false);
            }
        }

        // Projects in every state, centralised and branch, in the seed's categories.
        var energy = ids["节能与综合利用处"];
        var sme = ids["中小企业处"];
        var law = ids["政策法规处"];
        DateTimeOffset At(int days, int hour = 9) => new DateTimeOffset(today.AddDays(days).ToDateTime(new TimeOnly(hour, 0)), zone.GetUtcOffset(today.AddDays(days).ToDateTime(TimeOnly.MinValue)));
        var year = TimeZoneInfo.ConvertTime(now, zone).Year;
        var plan = new (string Key, string Title, string Category, OrganiserType Organiser, string Division, int Days, ProjectStatus Status, string? Declaration, int Capacity)[]
        {
            ("filed", "工业节能宣传进企业", "industrial-energy", OrganiserType.Branch, energy, 21, ProjectStatus.Filed, null, 15),
            ("returned", "企业普法宣传进园区", "enterprise-law", OrganiserType.Branch, law, 25, ProjectStatus.Returned, null, 10),
            ("approved", "中小企业日政策咨询", "sme-day", OrganiserType.Branch, sme, 30, ProjectStatus.Approved, null, 12),
            ("approved-declared", "节能宣传周进机关", "industrial-energy", OrganiserType.Centralised, energy, 35, ProjectStatus.Approved, "NV-" + year + "-0105", 20),
            ("open-full", "垃圾分类宣传进社区", "waste-sorting", OrganiserType.Centralised, energy, 6, ProjectStatus.Open, "NV-" + year + "-0101", 3),
            ("open-1", "文明交通劝导", "civilised-traffic", OrganiserType.Centralised, sme, 10, ProjectStatus.Open, "NV-" + year + "-0102", 20),
            ("open-2", "敬老院关爱空巢老人", "elderly-children", OrganiserType.Branch, sme, 13, ProjectStatus.Open, null, 8),
            ("open-3", "门前三包清洁行动", "front-door-three", OrganiserType.Centralised, law, 40, ProjectStatus.Open, "NV-" + year + "-0103", 30),
            ("soon", "节能降碳社区宣讲", "industrial-energy", OrganiserType.Branch, energy, 0, ProjectStatus.Open, null, 15),
            ("in-progress", "网络安全宣传周", "cybersecurity", OrganiserType.Centralised, law, 0, ProjectStatus.Open, "NV-" + year + "-0104", 25),
            ("completed", "爱国卫生运动", "patriotic-health", OrganiserType.Centralised, energy, -20, ProjectStatus.Open, "NV-" + year + "-0095", 30),
            ("archived", "社区志愿服务进小区", "community-service", OrganiserType.Branch, sme, -120, ProjectStatus.Archived, "NV-" + year + "-0060", 20),
        };
        var made = new Dictionary<string, Project>(StringComparer.Ordinal);
        foreach (var p in plan)
        {
            var id = $"{year}-d" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(p.Key)))[..7];
            // Whole hours, so the same day's run gives the same times: in progress since an hour ago, or starting in three.
            var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, now.Offset);
            var start = p.Key switch { "in-progress" => hour.AddHours(-1), "soon" => hour.AddHours(3), _ => At(p.Days) };
            var project = await projects.GetAsync(id, ct).ConfigureAwait(false);
            if (project is null)
            {
                var liaison = LiaisonOf(p.Division);
                project = new Project
                {
                    Id = id, Title = p.Title, CategoryId = p.Category, Organiser = p.Organiser, Origin = ProjectOrigin.Applied, DivisionId = p.Division,
                    Start = start, End = start.AddHours(3), Place = "银川市金凤区" + p.Title[..2] + "社区", Capacity = p.Capacity,
                    Description = "演示数据：" + p.Title, Status = p.Status, DeclarationNumber = p.Declaration,
                    FiledByAadObjectId = liaison.Aad, FiledByName = liaison.Name, FiledAt = start.AddDays(-14), UpdatedAt = start.AddDays(-14),
                    Returns = p.Status == ProjectStatus.Returned ? [new ReturnNote(options.Value.CommitteeAadObjectIds.FirstOrDefault() ?? "committee", "张书记", now.AddDays(-1), "请补充活动地点")] : [],
                };
                await projects.CreateAsync(project, ct).ConfigureAwait(false);
            }

            made[p.Key] = project;
        }

        // Sign-ups: the full activity (3 places) with two on the waitlist, and a few elsewhere.
        var signers = registered.Skip(1).Take(5).ToList();
        foreach (var (p, i) in signers.Select((p, i) => (p, i)))
        {
            await SignUpOnceAsync(made["open-full"], p.Aad, p.Name, p.Division, now.AddMinutes(-60 + i), ct).ConfigureAwait(false);
        }

        foreach (var p in registered.Where(x => x.Division == sme).Take(4))
        {
            await SignUpOnceAsync(made["open-1"], p.Aad, p.Name, p.Division, now.AddMinutes(-30), ct).ConfigureAwait(false);
        }

        // The Playground's people: each signed up for the activity in progress (so 登记时长 offers it) and one to come.
        foreach (var p in registered.Take(Playground.Length))
        {
            await SignUpOnceAsync(made["in-progress"], p.Aad, p.Name, p.Division, now.AddDays(-3), ct).ConfigureAwait(false);
            await SignUpOnceAsync(made["open-3"], p.Aad, p.Name, p.Division, now.AddDays(-2), ct).ConfigureAwait(false);
        }

        // Three quarters of hours: confirmed and pending, logged and confirmed through the record rules.
        var confirmer = new Actor(registered[0].Aad, registered[0].Name);
        foreach (var (p, i) in registered.Select((p, i) => (p, i)))
        {
            for (var q = 0; q < 3; q++)
            {
                var date = today.AddDays(-(q * 91) - 5 - (i % 20));
                var draft = new ServiceRecord
                {
                    VolunteerAadObjectId = p.Aad, VolunteerName = p.Name, DivisionId = p.Division, ProjectId = made["completed"].Id, ProjectTitle = made["completed"].Title,
                    IsCentralised = true, Place = made["completed"].Place, Content = "演示数据", Date = date, Hours = (i < 12 ? 7m : 2m) + (i % 3), Status = RecordStatus.Pending,
                    Source = RecordSource.Volunteer, LoggedByAadObjectId = p.Aad, LoggedAt = now,
                } with { ProjectId = $"{made["completed"].Id}-q{q}" };
                var id = draft.Id;
                var before = await records.GetAsync(p.Aad, id, ct).ConfigureAwait(false);
                if (before is null)
                {
                    await records.ApplyAsync(p.Aad, id, b => RecordRules.Log(b, draft, now), ct).ConfigureAwait(false);
                    if (q > 0 || i % 4 != 0)
                    {
                        await records.ApplyAsync(p.Aad, id, b => RecordRules.Confirm(b!, draft.Hours, ServiceQuality.Good, PointsRules.Default, confirmer, now), ct).ConfigureAwait(false);
                    }
                }
            }
        }

        // Points and an exchange: each of the Playground's people exchanged a badge from the points their confirmed
        // hours earned (once, by id), so 我的积分 and 兑换台账 show history.
        var committee = options.Value.CommitteeAadObjectIds.FirstOrDefault() ?? "committee";
        foreach (var (exchanger, i) in registered.Take(Playground.Length).Select((p, i) => (p, i)))
        {
            var exchange = new PointsExchange($"demo-exchange-{i + 1}", exchanger.Aad, 2, i % 2 == 0 ? "学雷锋纪念徽章" : "志愿服务笔记本", committee, "张书记", now.AddDays(-4 - i));
            var redeemed = await records.RedeemAsync(exchange, ct).ConfigureAwait(false);
            if (redeemed.Outcome != ExchangeOutcome.Insufficient)
            {
                await ledger.RecordAsync(TimeZoneInfo.ConvertTime(exchange.At, zone).Year, new LedgerEntry(exchange, exchanger.Name), ct).ConfigureAwait(false);
            }
        }

        // Gear: flags and vests on the shelf; one loan overdue (its activity ended 20 days ago), one out for an activity
        // to come, one returned and closed.
        var flags = await GearItemAsync("志愿服务队旗", 6, now, ct).ConfigureAwait(false);
        var vests = await GearItemAsync("志愿者马甲", 60, now, ct).ConfigureAwait(false);
        var li = registered.First(p => p.Name == "李强");
        var chen = registered.First(p => p.Name == "陈静");
        await LoanAsync("demo-loan-overdue", made["completed"], li, [new GearLine(flags.Id, flags.Name, 1), new GearLine(vests.Id, vests.Name, 10)], GearLoanStatus.HandedOver, committee, now.AddDays(-22), ct).ConfigureAwait(false);
        await LoanAsync("demo-loan-out", made["open-1"], chen, [new GearLine(vests.Id, vests.Name, 8)], GearLoanStatus.HandedOver, committee, now.AddDays(-1), ct).ConfigureAwait(false);
        var zhang = registered.First(p => p.Name == "张书记");
        await LoanAsync("demo-loan-committee", made["in-progress"], zhang, [new GearLine(flags.Id, flags.Name, 1)], GearLoanStatus.Requested, committee, now.AddHours(-3), ct).ConfigureAwait(false);
        await LoanAsync("demo-loan-returned", made["archived"], chen, [new GearLine(flags.Id, flags.Name, 2), new GearLine(vests.Id, vests.Name, 15)], GearLoanStatus.Returned, committee, now.AddDays(-122), ct).ConfigureAwait(false);

        // A featured project of the year (特色项目), so the honours pages and the digest show one.
        var localYear = TimeZoneInfo.ConvertTime(now, zone).Year;
        if ((await honours.ListFeaturedAsync(localYear, ct).ConfigureAwait(false)).All(f => f.ProjectId != made["completed"].Id))
        {
            await honours.SaveFeaturedAsync(new FeaturedProject(localYear, made["completed"].Id, made["completed"].Title, [energy],
                "组织全处干部进社区开展环境整治，群众反响良好。", "张书记", now.AddDays(-5)), ct).ConfigureAwait(false);
        }

        // A pending 注销志愿者 request from a staff member (as the volunteer's own request writes it), for 注销申请.
        var leaving = registered[^1];
        if (!(await audit.ListAsync(PrivacyAudit.EraseRequested, 500, ct).ConfigureAwait(false)).Any(e => e.Target == leaving.Aad))
        {
            await audit.AddAsync(new AuditEvent(now.AddDays(-1), leaving.Aad, leaving.Name, PrivacyAudit.EraseRequested, leaving.Aad, leaving.Division), ct).ConfigureAwait(false);
        }

        // Feedback with a reply, and a training with attendance.
        var wang = registered.First(p => p.Name == "王芳");
        var added = await feedback.AddAsync(new Feedback
        {
            Id = "demo-feedback-1", AadObjectId = wang.Aad, Name = wang.Name, DivisionId = wang.Division, Kind = FeedbackKind.Suggestion,
            Text = "建议周末多安排一些社区活动。", CreatedAt = now.AddDays(-3),
        }, ct).ConfigureAwait(false);
        if (added.Feedback.Reply is null)
        {
            await feedback.ReplyAsync(wang.Aad, "demo-feedback-1", "感谢建议，下季度将增加周末活动。", confirmer.AadObjectId, confirmer.Name, now.AddDays(-2), ct).ConfigureAwait(false);
        }

        await trainings.SaveAsync(new TrainingSession
        {
            Id = $"{year}-demo-training", Title = "道德讲堂：学雷锋精神", Kind = TrainingKind.MoralLecture, Date = today.AddDays(-10), Hours = 2m, Organiser = "机关党委",
            Attendees = [.. registered.Take(12).Select(p => new TrainingAttendee(p.Aad, p.Name, p.Division))],
            RecordedByAadObjectId = options.Value.CommitteeAadObjectIds.FirstOrDefault() ?? "committee", RecordedByName = "张书记", RecordedAt = now.AddDays(-10),
        }, ct).ConfigureAwait(false);
    }

    private async Task<GearItem> GearItemAsync(string name, int total, DateTimeOffset now, CancellationToken ct)
    {
        var added = await gear.AddItemAsync(name, total, now, ct).ConfigureAwait(false);
        return added.Item!; // NameTaken on a second run gives the existing item
    }

    /// <summary>Requests a loan (a known id is kept as stored) and walks it through the gear rules up to <paramref name="until"/>.</summary>
    private async Task LoanAsync(string id, Project p, (string Aad, string Name, string Division, bool Liaison) holder, IReadOnlyList<GearLine> lines,
        GearLoanStatus until, string committee, DateTimeOffset at, CancellationToken ct)
    {
        var requested = await gear.RequestAsync(new GearLoan
        {
            Id = id, ProjectId = p.Id, ProjectTitle = p.Title, ActivityEnd = p.End, DivisionId = holder.Division, Lines = lines,
            Status = GearLoanStatus.Requested, RequestedByAadObjectId = holder.Aad, RequestedByName = holder.Name, RequestedAt = at, UpdatedAt = at,
        }, ct).ConfigureAwait(false);
        if (!requested.Succeeded || requested.After!.Status == until || !requested.After.IsOpen)
        {
            return;
        }

        await gear.UpdateLoanAsync(id, l => GearRules.HandOver(l, committee, "张书记", at.AddHours(1)), ct).ConfigureAwait(false);
        if (until == GearLoanStatus.Returned)
        {
            await gear.UpdateLoanAsync(id, l => GearRules.ReportReturn(l, holder.Aad, holder.Name, p.End.AddDays(1)), ct).ConfigureAwait(false);
            await gear.UpdateLoanAsync(id, l => GearRules.Receive(l, new Dictionary<string, (int, int)>(), committee, "张书记", null, p.End.AddDays(2)), ct).ConfigureAwait(false);
        }
    }

    private async Task SignUpOnceAsync(Project p, string aad, string name, string division, DateTimeOffset at, CancellationToken ct)
    {
        if (await signUps.GetAsync(p.Id, aad, ct).ConfigureAwait(false) is null)
        {
            await signUps.SignUpAsync(new SignUpRequest(p.Id, aad, name, division, p.Capacity, at), ct).ConfigureAwait(false);
        }
    }
}

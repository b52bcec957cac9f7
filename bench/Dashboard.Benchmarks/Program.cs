using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs;
using VolunteerBot.Dialogs.Domain.Dashboard;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Hosting;
using VolunteerBot.Jobs;
using VolunteerBot.Storage;
using VolunteerBot.Web;

// Seeding for the dashboard's browser walk and benchmark (not product code, not in the solution). Writes through the
// product's stores into the storage named by VOLUNTEERBOT_TEST_STORAGE (tables with prefix --prefix, default none):
//   demo      the Playground's people (.m365agentsplayground.yml) in three divisions, 李强 and 陈静 appointed liaisons, 20 more
//             volunteers, records over the last 12 months (confirmed, pending, rejected) and projects in every state;
//   projects  only projects (--count N, default 300) over the existing divisions, for the benchmark on top of
//             scripts/bench-hours.sh's seed; then one pass of the monthly totals job, timed.
var mode = args.Length > 0 ? args[0] : "demo";
string Opt(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
var connection = Environment.GetEnvironmentVariable("VOLUNTEERBOT_TEST_STORAGE") is { Length: > 0 } cs ? cs : "UseDevelopmentStorage=true";
var prefix = Opt("--prefix", "");
var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:Storage"] = connection, ["Storage:TablePrefix"] = prefix,
}).Build();
var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config);
services.AddOptions<VolunteeringOptions>().BindConfiguration(VolunteeringOptions.Section);
services.AddSingleton(TimeProvider.System);
services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development", ApplicationName = "Dashboard.Benchmarks", ContentRootPath = AppContext.BaseDirectory });
services.AddVolunteerStorage(config);
services.AddOptions<VolunteerBot.Channel.BotOptions>().BindConfiguration(VolunteerBot.Channel.BotOptions.Section);
services.AddVolunteerChannel();
services.AddVolunteerDialogs();
VolunteerBot.Reminders.RemindersServiceCollectionExtensions.AddVolunteerReminders(services);
services.AddVolunteerWeb();
services.AddOptions<DashboardTotalsOptions>().BindConfiguration(DashboardTotalsOptions.Section);
services.AddSingleton<DashboardTotalsService>();
await using var sp = services.BuildServiceProvider();
var account = sp.GetRequiredService<StorageAccount>();
await new StorageInitializer(account, NullLogger<StorageInitializer>.Instance).StartAsync(CancellationToken.None);
var zone = sp.GetRequiredService<IOptions<VolunteeringOptions>>().Value.Zone;
var now = DateTimeOffset.UtcNow;
var today = ProjectCalendar.LocalDate(now, zone);
var divisions = sp.GetRequiredService<IDivisionStore>();
var volunteers = sp.GetRequiredService<IVolunteerStore>();
var records = sp.GetRequiredService<IServiceRecordStore>();
var projects = sp.GetRequiredService<IProjectStore>();
var ct = CancellationToken.None;

if (mode == "demo")
{
    var energy = (await divisions.CreateAsync("节能与综合利用处", now, ct)).Division!.Id;
    var sme = (await divisions.CreateAsync("中小企业处", now, ct)).Division!.Id;
    var office = (await divisions.CreateAsync("办公室", now, ct)).Division!.Id; // no liaison: the dashboard flags it
    var people = new List<(string Id, string Name, string Division)>
    {
        ("3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b02", "李强", energy), ("3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b03", "刘洋", energy),
        ("3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b04", "王芳", sme), ("3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b05", "陈静", sme),
        ("3f9b1c0e-5d2a-4c7e-8b61-0a1e2d3c4b06", "赵磊", sme),
    };
    string[] surnames = ["张", "孙", "周", "吴", "郑", "冯", "何", "许"];
    string[] given = ["敏", "伟", "丽", "军", "霞", "涛", "燕", "鹏", "娟", "斌"];
    for (var i = 0; i < 20; i++)
    {
        people.Add(($"00000000-0000-4000-9000-{i:D12}", surnames[i % surnames.Length] + given[i % given.Length] + (i >= 10 ? "二" : ""), new[] { energy, sme, office }[i % 3]));
    }

    foreach (var p in people)
    {
        await volunteers.SaveAsync(new VolunteerProfile(p.Id, p.Name, p.Division, p.Name is "李强" or "陈静", null, null), now, today, ct);
    }

    await divisions.AddLiaisonAsync(energy, people[0].Id, ct);
    await divisions.AddLiaisonAsync(sme, people[3].Id, ct);

    var written = 0;
    for (var v = 0; v < people.Count; v++)
    {
        var p = people[v];
        for (var k = 0; k < 1 + (v * 7 % 9); k++)
        {
            var date = today.AddDays(-((v * 13 + k * 37) % 360));
            var status = k % 5 == 3 ? RecordStatus.Pending : k % 11 == 7 ? RecordStatus.Rejected : RecordStatus.Confirmed;
            if (p.Name == "王芳")
            {
                status = k == 0 ? RecordStatus.Pending : RecordStatus.Confirmed;
            }

            var hours = 1.5m + (v + k) % 4;
            var projectId = $"{date.Year}-{v:x4}{k:x4}";
            var record = new ServiceRecord
            {
                VolunteerAadObjectId = p.Id, VolunteerName = p.Name, DivisionId = p.Division, ProjectId = projectId, ProjectTitle = $"垃圾分类宣传（第{k + 1}次）",
                OrganiserDivisionIds = [p.Division], Place = "银川市金凤区", Content = "垃圾分类宣传", Date = date, Hours = hours, Status = status,
                Quality = status == RecordStatus.Confirmed ? ServiceQuality.Good : null, Points = status == RecordStatus.Confirmed ? (int)(hours * 12) : 0,
                Source = RecordSource.Liaison, LoggedByAadObjectId = people[0].Id, LoggedAt = now, Revision = 1,
                DecidedByAadObjectId = status == RecordStatus.Pending ? null : people[0].Id, DecidedByName = status == RecordStatus.Pending ? null : "李强",
                DecidedAt = status == RecordStatus.Pending ? null : now, RejectReason = status == RecordStatus.Rejected ? "未到场" : null,
            };
            await records.ApplyAsync(p.Id, record.Id, current => current is null
                ? new RecordChange(record, new AuditEntry(record.Id, 1, status == RecordStatus.Pending ? AuditAction.Logged : status == RecordStatus.Rejected ? AuditAction.Rejected : AuditAction.Confirmed, people[0].Id, "李强", now, "", null))
                : null, ct);
            written++;
        }
    }

    var seeded = await SeedProjectsAsync([energy, sme, office], 14, people[0].Id);

    // Sign-ups for the open projects, so the projects page shows how full they are.
    var signUps = sp.GetRequiredService<ISignUpStore>();
    foreach (var open in (await projects.ListByStatusAsync([ProjectStatus.Open], ct)).Select((p, i) => (p, i)))
    {
        foreach (var p in people.Where(p => open.p.IsOpenTo(p.Division)).Take(2 + open.i * 3 % 9))
        {
            await signUps.SignUpAsync(new SignUpRequest(open.p.Id, p.Id, p.Name, p.Division, open.p.Capacity, now), ct);
        }
    }

    Console.WriteLine($"demo: 3 divisions, {people.Count} volunteers, {written} records, {seeded} projects");
}
else if (mode == "bench")
{
    // On top of scripts/bench-hours.sh's seed (--prefix of its tables): projects, one liaison, then the measurements.
    var list = await divisions.ListAsync(false, ct);
    var seeded = await SeedProjectsAsync([.. list.Select(d => d.Id)], int.Parse(Opt("--count", "300"), CultureInfo.InvariantCulture), "committee");
    var liaison = Opt("--liaison", "00000000-0000-4000-8000-000000000000");
    var liaisonDivision = (await volunteers.GetAsync(liaison, ct))?.DivisionId ?? list[0].Id;
    await divisions.AddLiaisonAsync(liaisonDivision, liaison, ct);
    Console.WriteLine($"projects: {seeded} over {list.Count} divisions; liaison {liaison} of {liaisonDivision}");
}

// The monthly totals the trends page reads: one pass of the job, as the bot runs it every 5 minutes.
var requests = 0L;
using var listener = new System.Diagnostics.Metrics.MeterListener();
listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == "System.Net.Http" && i.Name == "http.client.request.duration") l.EnableMeasurementEvents(i); };
listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref requests));
listener.Start();
var watch = Stopwatch.StartNew();
var months = await sp.GetRequiredService<DashboardTotalsService>().RunOnceAsync(ct);
Console.WriteLine($"totals: {months.Count} months computed in {watch.Elapsed.TotalMilliseconds:F0} ms, {Interlocked.Read(ref requests)} requests");
if (mode != "bench")
{
    return;
}

// Each endpoint's reads and computation in process, cold (the per-instance cache emptied first) with the table
// requests it made, then warm (cached) p95 over 50 calls — what the API does behind the token check.
var reader = sp.GetRequiredService<DashboardReader>();
var cache = sp.GetRequiredService<DashboardCache>();
var all = DashboardScope.From(true, new HashSet<string>());
var first = (await divisions.ListAsync(false, ct)).First(d => d.LiaisonAadObjectIds.Count > 0);
var one = DashboardScope.From(false, new HashSet<string> { first.Id });
var me = new DashboardUser(Opt("--liaison", "00000000-0000-4000-8000-000000000000"), "");
var calls = new (string Name, Func<Task<object?>> Call)[]
{
    ("overview (committee)", async () => await reader.OverviewAsync(all, ct)),
    ("overview (liaison)", async () => await reader.OverviewAsync(one, ct)),
    ("divisions (committee)", async () => await reader.DivisionsAsync(all, ct)),
    ("division/{id} drill-down", async () => await reader.DivisionAsync(all, first.Id, ct)),
    ("trends (committee)", async () => await reader.TrendsAsync(all, ct)),
    ("projects (committee)", async () => await reader.ProjectsViewAsync(all, ct)),
    ("mine (volunteer)", async () => await reader.MineAsync(me, ct)),
};
Console.WriteLine("| call | cold | table requests (cold) | warm p95 (50 calls) |");
Console.WriteLine("|---|---|---|---|");
foreach (var (name, call) in calls)
{
    cache.Clear();
    var before = Interlocked.Read(ref requests);
    var cold = Stopwatch.StartNew();
    await call();
    cold.Stop();
    var made = Interlocked.Read(ref requests) - before;
    var warm = new List<double>();
    for (var i = 0; i < 50; i++)
    {
        var w = Stopwatch.StartNew();
        await call();
        warm.Add(w.Elapsed.TotalMilliseconds);
    }

    warm.Sort();
    Console.WriteLine($"| {name} | {cold.Elapsed.TotalMilliseconds:F0} ms | {made} | {warm[(int)Math.Ceiling(0.95 * warm.Count) - 1]:F2} ms |");
}

return;

async Task<int> SeedProjectsAsync(IReadOnlyList<string> divisionIds, int count, string filer)
{
    var statuses = new[] { ProjectStatus.Filed, ProjectStatus.Approved, ProjectStatus.Open, ProjectStatus.Open, ProjectStatus.Completed, ProjectStatus.Archived, ProjectStatus.Returned, ProjectStatus.Cancelled };
    for (var i = 0; i < count; i++)
    {
        var status = statuses[i % statuses.Length];
        var start = status is ProjectStatus.Open or ProjectStatus.Approved or ProjectStatus.Filed
            ? now.AddDays(3 + i % 40) : now.AddDays(-(5 + (i * 11 % 300)));
        var year = ProjectCalendar.LocalDate(start, zone).Year;
        var id = $"{Math.Min(year, today.Year)}-{i:x8}";
        await projects.CreateAsync(new Project
        {
            Id = id, Title = new[] { "文明交通劝导", "关爱留守儿童", "垃圾分类宣传", "中小企业服务日", "节能宣传周", "网络安全宣传" }[i % 6] + $" {i + 1}",
            CategoryId = "waste-sorting", Organiser = i % 4 == 0 ? OrganiserType.Centralised : OrganiserType.Branch, Origin = ProjectOrigin.Applied,
            DivisionId = divisionIds[i % divisionIds.Count], Start = start, End = start.AddHours(3), Place = "银川市金凤区", Capacity = 10 + i % 20,
            Status = status, DeclarationNumber = i % 3 == 0 ? null : $"SB-{i:D4}", FiledByAadObjectId = filer, FiledByName = "联络员", FiledAt = now.AddDays(-30),
            UpdatedAt = now,
        }, ct);
    }

    return count;
}

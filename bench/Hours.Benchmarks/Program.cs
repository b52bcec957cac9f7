using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using VolunteerBot.Dialogs;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Hosting;
using VolunteerBot.Storage;

// Hours benchmark (docs/benchmarks.md): seeds N volunteers with R confirmed records in Azurite, then times the
// "my record" turn (at 10 % and 100 % of the records) and the annual points publication, counting table requests.
var volunteers = Arg("--volunteers", 10_000);
var records = Arg("--records", 200_000);
var connection = Environment.GetEnvironmentVariable("VOLUNTEERBOT_TEST_STORAGE") is { Length: > 0 } cs ? cs : "UseDevelopmentStorage=true";
var prefix = "b" + Guid.NewGuid().ToString("N")[..8];
var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:Storage"] = connection, ["Storage:TablePrefix"] = prefix, ["Volunteering:CommitteeAadObjectIds:0"] = "committee",
}).Build();
var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config);
services.AddOptions<VolunteeringOptions>().BindConfiguration(VolunteeringOptions.Section);
services.AddSingleton(TimeProvider.System);
services.AddVolunteerStorage(config);
services.AddOptions<VolunteerBot.Channel.BotOptions>().BindConfiguration(VolunteerBot.Channel.BotOptions.Section);
services.AddVolunteerChannel();
services.AddVolunteerDialogs();
await using var sp = services.BuildServiceProvider();
var account = sp.GetRequiredService<StorageAccount>();
await new StorageInitializer(account, NullLogger<StorageInitializer>.Instance).StartAsync(CancellationToken.None);

var requests = 0L;
using var listener = new MeterListener();
listener.InstrumentPublished = (i, l) => { if (i.Meter.Name == "System.Net.Http" && i.Name == "http.client.request.duration") l.EnableMeasurementEvents(i); };
listener.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref requests));
listener.Start();

var year = DateTime.UtcNow.Year;
var divisionStore = sp.GetRequiredService<VolunteerBot.Dialogs.Domain.Team.IDivisionStore>();
var divisions = new List<string>();
for (var d = 0; d < 20; d++)
{
    divisions.Add((await divisionStore.CreateAsync($"处室{d:D2}", DateTimeOffset.UtcNow, CancellationToken.None)).Division!.Id);
}

var ids = Enumerable.Range(0, volunteers).Select(i => $"00000000-0000-4000-8000-{i:D12}").ToList();
var perVolunteer = Math.Max(1, records / volunteers);
var clock = Stopwatch.StartNew();
Console.WriteLine($"Seeding {volunteers} volunteers × {perVolunteer} records (prefix {prefix}) …");
var volunteerStore = sp.GetRequiredService<VolunteerBot.Dialogs.Domain.Team.IVolunteerStore>();
await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, ct) =>
    await volunteerStore.SaveAsync(new VolunteerBot.Dialogs.Domain.Team.VolunteerProfile(id, "志愿者" + id[^5..], divisions[id.GetHashCode() & 15], false, null, null),
        DateTimeOffset.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow), ct));

async Task SeedAsync(int fromRecord, int toRecord)
{
    var table = account.Table(StorageNames.ServiceRecords);
    await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (id, ct) =>
    {
        var actions = new List<TableTransactionAction>();
        for (var k = fromRecord; k < toRecord; k++)
        {
            var date = new DateOnly(year, 1, 1).AddDays(k * 7 % 300);
            var r = new ServiceRecord
            {
                VolunteerAadObjectId = id, VolunteerName = "志愿者" + id[^5..], DivisionId = divisions[0], ProjectId = $"{year}-{k:x8}", ProjectTitle = $"志愿服务项目{k}",
                Date = date, Hours = 2m, Status = RecordStatus.Confirmed, Quality = ServiceQuality.Good, Points = 24, Source = RecordSource.Liaison,
                LoggedByAadObjectId = "liaison", LoggedAt = DateTimeOffset.UtcNow, Revision = 1,
            };
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, ServiceRecordEntities.ToEntity(TableKeys.Escape(id), "r-" + r.Id, r)));
        }

        await table.SubmitTransactionAsync(actions, ct);
    });
    var summaries = ids.Select(id => new YearSummary { Year = year, VolunteerAadObjectId = id, VolunteerName = "志愿者" + id[^5..], Hours = 2m * toRecord, Points = 24 * toRecord, Records = toRecord,
        HoursByDivision = new Dictionary<string, decimal> { [divisions[0]] = 2m * toRecord } }).ToList();
    var years = account.Table(StorageNames.ServiceRecordYears);
    foreach (var chunk in summaries.Chunk(100))
    {
        await years.SubmitTransactionAsync(chunk.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            ServiceRecordEntities.ToEntity(year.ToString(CultureInfo.InvariantCulture), TableKeys.Escape(s.VolunteerAadObjectId), s))), CancellationToken.None);
    }
}

var router = sp.GetRequiredService<TurnRouter>();
var roles = sp.GetRequiredService<IRoleResolver>();
async Task<(double Ms, long Requests, int Cards)> TurnAsync(string user, string text)
{
    var before = Interlocked.Read(ref requests);
    var watch = Stopwatch.StartNew();
    var turn = new Turn
    {
        User = new UserIdentity(user, "29:" + user, "bench"), TenantId = "t", ConversationId = "c", Kind = ConversationKind.Personal,
        Text = text, L = Localizer.For(Language.ZhCn), Roles = await roles.ResolveAsync(user, CancellationToken.None),
    };
    var result = await router.RouteAsync(turn, CancellationToken.None);
    watch.Stop();
    return (watch.Elapsed.TotalMilliseconds, Interlocked.Read(ref requests) - before, result.Replies.Count + (result.CardUpdate is null ? 0 : 1));
}

async Task<(double Median, long Requests)> MyRecordAsync()
{
    var samples = new List<double>();
    long count = 0;
    for (var i = 0; i < 21; i++)
    {
        var (ms, req, _) = await TurnAsync(ids[(i * 7919) % ids.Count], "我的志愿记录");
        samples.Add(ms);
        count = req;
    }

    samples.Sort();
    return (samples[samples.Count / 2], count);
}

var tenth = Math.Max(1, perVolunteer / 10);
await SeedAsync(0, tenth);
Console.WriteLine($"Seeded {volunteers * tenth} records in {clock.Elapsed.TotalSeconds:F0} s");
var small = await MyRecordAsync();
await SeedAsync(tenth, perVolunteer);
Console.WriteLine($"Seeded {volunteers * perVolunteer} records in {clock.Elapsed.TotalSeconds:F0} s");
var large = await MyRecordAsync();
var export = await TurnAsync("committee", "积分公示");
var publish = export; // the card; the file is made on submit
var submitBefore = Interlocked.Read(ref requests);
var exportWatch = Stopwatch.StartNew();
var submitTurn = new Turn
{
    User = new UserIdentity("committee", "29:committee", "张书记"), TenantId = "t", ConversationId = "c", Kind = ConversationKind.Personal,
    Verb = "hours.publish.submit", IsInvoke = true, Data = new CardData(new Dictionary<string, string> { ["year"] = year.ToString(CultureInfo.InvariantCulture) }),
    L = Localizer.For(Language.ZhCn), Roles = await roles.ResolveAsync("committee", CancellationToken.None),
};
var submitted = await router.RouteAsync(submitTurn, CancellationToken.None);
exportWatch.Stop();
var exportRequests = Interlocked.Read(ref requests) - submitBefore;

Console.WriteLine();
Console.WriteLine($"| measure | records in store | time | table/blob requests |");
Console.WriteLine($"|---|---|---|---|");
Console.WriteLine($"| my record turn (median of 21) | {volunteers * tenth:N0} | {small.Median:F1} ms | {small.Requests} |");
Console.WriteLine($"| my record turn (median of 21) | {volunteers * perVolunteer:N0} | {large.Median:F1} ms | {large.Requests} |");
Console.WriteLine($"| annual points publication ({volunteers:N0} volunteers, file + link) | {volunteers * perVolunteer:N0} | {exportWatch.Elapsed.TotalMilliseconds:F0} ms | {exportRequests} |");
Console.WriteLine(submitted.CardUpdate is null ? "publication FAILED" : "publication card ok");
return;

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}

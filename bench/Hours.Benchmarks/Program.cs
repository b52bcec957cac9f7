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
var concurrency = Arg("--concurrency", 16);
var skipYearExport = args.Contains("--no-year-export");
const int MaxBatch = 100; // a table transaction holds at most 100 operations, all in one partition
var connection = Environment.GetEnvironmentVariable("VOLUNTEERBOT_TEST_STORAGE") is { Length: > 0 } cs ? cs : "UseDevelopmentStorage=true";
var prefix = "b" + Guid.NewGuid().ToString("N")[..8];
if (Array.IndexOf(args, "--drop") is var drop and >= 0 && drop + 1 < args.Length)
{
    await DropAsync(new StorageAccount(connection, args[drop + 1]));
    return;
}

var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["ConnectionStrings:Storage"] = connection, ["Storage:TablePrefix"] = prefix, ["Volunteering:CommitteeAadObjectIds:0"] = "committee",
}).Build();
var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config);
services.AddOptions<VolunteeringOptions>().BindConfiguration(VolunteeringOptions.Section);
services.AddSingleton(TimeProvider.System);
services.AddSingleton<Microsoft.Extensions.Hosting.IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Development", ApplicationName = "Hours.Benchmarks", ContentRootPath = AppContext.BaseDirectory }); // the link service checks it
services.AddVolunteerStorage(config);
services.AddOptions<VolunteerBot.Channel.BotOptions>().BindConfiguration(VolunteerBot.Channel.BotOptions.Section);
services.AddVolunteerChannel();
services.AddVolunteerDialogs();
VolunteerBot.Reminders.RemindersServiceCollectionExtensions.AddVolunteerReminders(services); // the digest handler needs its readers; nothing is started
// Since registration moved per folder, the router's handlers need these too (nothing is started).
VolunteerBot.Delivery.DeliveryServiceCollectionExtensions.AddVolunteerDelivery(services);
VolunteerBot.Documents.DocumentsServiceCollectionExtensions.AddVolunteerDocuments(services);
VolunteerBot.Links.LinksServiceCollectionExtensions.AddVolunteerLinks(services);
VolunteerBot.Photos.PhotosServiceCollectionExtensions.AddVolunteerPhotos(services);
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
var volunteerStore = sp.GetRequiredService<VolunteerBot.Dialogs.Domain.Team.IVolunteerStore>();
var parallel = new ParallelOptions { MaxDegreeOfParallelism = concurrency };
// With scripts/bench/azurite-table-bulk.cjs (VOLUNTEERBOT_BENCH_CLONE_URL), one template volunteer per division is
// written through the Table API and the emulator copies its rows to the others; otherwise every row goes over HTTP.
var bulk = Environment.GetEnvironmentVariable("VOLUNTEERBOT_BENCH_CLONE_URL") is { Length: > 0 } cloneUrl ? new BulkCopy(cloneUrl, prefix, ids, divisions.Count, Name) : null;
var seedIds = bulk?.Templates ?? ids;
Console.WriteLine($"Seeding {volunteers} volunteers × {perVolunteer} records (prefix {prefix}, "
    + (bulk is null ? $"{concurrency} transactions in flight" : $"{seedIds.Count} templates through the API, copied inside Azurite") + ") …");
if (bulk is not null)
{
    foreach (var id in bulk.Templates)
    {
        await volunteerStore.SaveAsync(new VolunteerBot.Dialogs.Domain.Team.VolunteerProfile(id, Name(id), divisions[DivisionOf(id)], false, null, "NV-" + id[^6..]),
            DateTimeOffset.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
    }

    Console.WriteLine($"Profiles {await bulk.CopyAsync(CancellationToken.None)}");
}
else
{
    // Profiles: the first one through the product store, the rest cloned from the rows it wrote (profile and membership
    // in the volunteer's partition, one transaction each; the division index 100 per transaction). Saving each through the
    // store costs a membership query, and Azurite answers every query by scanning the whole table: quadratic in volunteers.
    await volunteerStore.SaveAsync(new VolunteerBot.Dialogs.Domain.Team.VolunteerProfile(ids[0], Name(ids[0]), divisions[DivisionOf(ids[0])], false, null, "NV-" + ids[0][^6..]),
        DateTimeOffset.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow), CancellationToken.None);
    var template = TableKeys.Escape(ids[0]);
    var volunteerTable = account.Table(StorageNames.Volunteers);
    var memberTable = account.Table(StorageNames.DivisionMembers);
    var ownRows = await volunteerTable.QueryAsync<TableEntity>($"PartitionKey eq {TableKeys.Quote(template)}").ToListAsync();
    var indexRow = await memberTable.QueryAsync<TableEntity>($"PartitionKey eq {TableKeys.Quote(TableKeys.Escape(divisions[DivisionOf(ids[0])]))} and RowKey eq {TableKeys.Quote(template)}").SingleAsync();
    TableEntity Clone(TableEntity e, string pk, string rk, string id)
    {
        var swap = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ids[0]] = id, [template] = TableKeys.Escape(id), [Name(ids[0])] = Name(id), ["NV-" + ids[0][^6..]] = "NV-" + id[^6..],
            [divisions[DivisionOf(ids[0])]] = divisions[DivisionOf(id)],
        };
        var copy = new TableEntity(pk, rk);
        foreach (var (key, value) in e)
        {
            if (key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
            {
                copy[key] = value is string text && swap.TryGetValue(text, out var other) ? other : value;
            }
        }

        return copy;
    }

    var profileTransactions = ids.Skip(1).Select(id => (volunteerTable, ownRows.Select(e => Clone(e, TableKeys.Escape(id), e.RowKey.Replace(divisions[DivisionOf(ids[0])], divisions[DivisionOf(id)], StringComparison.Ordinal), id)).ToArray()))
        .Concat(ids.Skip(1).GroupBy(DivisionOf).SelectMany(g => g.Select(id => Clone(indexRow, TableKeys.Escape(divisions[g.Key]), TableKeys.Escape(id), id)).Chunk(MaxBatch).Select(chunk => (memberTable, chunk))));
    await Parallel.ForEachAsync(profileTransactions, parallel, async (t, ct) =>
        await t.Item1.SubmitTransactionAsync(t.Item2.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct));
}

Console.WriteLine($"Seeded {volunteers} profiles in {clock.Elapsed.TotalSeconds:F0} s");

// Seeding only (not product code): each record k of every volunteer, written as the store would leave it — the record
// in the volunteer's partition with the year row and the balance (one transaction of ≤ 100 operations per volunteer),
// the committee's month copy (transactions of 100 rows of one month partition) and the year copy (100 per transaction).
// Transactions in different partitions run in parallel, at most `concurrency` at a time.
ServiceRecord Record(string id, int k) => new()
{
    VolunteerAadObjectId = id, VolunteerName = Name(id), DivisionId = divisions[DivisionOf(id)], ProjectId = $"{year}-{k:x8}", ProjectTitle = $"志愿服务项目{k}",
    OrganiserDivisionIds = [divisions[k % divisions.Count]], Place = "银川市金凤区", Content = "垃圾分类宣传", DeclarationNumber = $"SB-{k:D4}",
    Date = DateOfRecord(k), Hours = 2m, Status = RecordStatus.Confirmed, Quality = ServiceQuality.Good, Points = 24, Source = RecordSource.Liaison,
    LoggedByAadObjectId = "liaison", LoggedAt = DateTimeOffset.UtcNow, DecidedByAadObjectId = "liaison", DecidedByName = "联络员", DecidedAt = DateTimeOffset.UtcNow, Revision = 1,
};

YearSummary Summary(string id, int count) => new()
{
    Year = year, VolunteerAadObjectId = id, VolunteerName = Name(id), Hours = 2m * count, Points = 24 * count, Records = count,
    HoursByDivision = new Dictionary<string, decimal> { [divisions[DivisionOf(id)]] = 2m * count },
};

async Task SeedAsync(int fromRecord, int toRecord)
{
    var watch = Stopwatch.StartNew();
    var table = account.Table(StorageNames.ServiceRecords);
    var yearRow = ServiceRecordEntities.YearPrefix + year.ToString("D4", CultureInfo.InvariantCulture);
    var own = seedIds.SelectMany(id =>
    {
        var pk = TableKeys.Escape(id);
        var actions = Enumerable.Range(fromRecord, toRecord - fromRecord)
            .Select(k => { var r = Record(id, k); return ServiceRecordEntities.ToEntity(pk, ServiceRecordEntities.RecordPrefix + r.Id, r); })
            .Append(ServiceRecordEntities.ToEntity(pk, yearRow, Summary(id, toRecord)))
            .Append(ServiceRecordEntities.ToEntity(pk, new PointsBalance(24 * toRecord, 0)));
        return actions.Chunk(MaxBatch).Select(chunk => (table, chunk));
    });
    var byMonth = account.Table(StorageNames.ServiceRecordsByMonth);
    var months = Enumerable.Range(fromRecord, toRecord - fromRecord).GroupBy(k => ServiceRecordTableStore.MonthOf(DateOfRecord(k))).SelectMany(month =>
        month.SelectMany(k => seedIds.Select(id =>
            {
                var r = Record(id, k);
                return ServiceRecordEntities.ToEntity(month.Key, ServiceRecordTableStore.MonthRow(r.Date, TableKeys.Escape(id), r.ProjectId), r);
            }))
            .Chunk(MaxBatch).Select(chunk => (byMonth, chunk)));
    var yearsTable = account.Table(StorageNames.ServiceRecordYears);
    var yearCopies = seedIds.Select(id => ServiceRecordEntities.ToEntity(year.ToString("D4", CultureInfo.InvariantCulture), TableKeys.Escape(id), Summary(id, toRecord)))
        .Chunk(MaxBatch).Select(chunk => (yearsTable, chunk));
    var transactions = 0;
    await Parallel.ForEachAsync(own.Concat(months).Concat(yearCopies), parallel, async (t, ct) =>
    {
        await t.Item1.SubmitTransactionAsync(t.chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
        Interlocked.Increment(ref transactions);
    });
    var copied = bulk is null ? "" : " " + await bulk.CopyAsync(CancellationToken.None);
    var written = volunteers * (toRecord - fromRecord);
    Console.WriteLine($"Seeded records {fromRecord}..{toRecord - 1} of each volunteer: {written:N0} records (+ month and year copies) in {transactions:N0} transactions, "
        + $"{watch.Elapsed.TotalSeconds:F0} s, {written / watch.Elapsed.TotalSeconds:F0} records/s{copied}");
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

// One plain query of one volunteer's partition, outside the product: how the emulator's cost grows with the table
// (Azurite answers every query by scanning all rows of the table; Table storage reads only the partition).
async Task<double> PartitionQueryAsync()
{
    var table = account.Table(StorageNames.ServiceRecords);
    var samples = new List<double>();
    for (var i = 0; i < 21; i++)
    {
        var watch = Stopwatch.StartNew();
        await table.QueryAsync<TableEntity>($"PartitionKey eq {TableKeys.Quote(TableKeys.Escape(ids[(i * 7919) % ids.Count]))}").ToListAsync();
        samples.Add(watch.Elapsed.TotalMilliseconds);
    }

    samples.Sort();
    return samples[samples.Count / 2];
}

var tenth = Math.Max(1, perVolunteer / 10);
await SeedAsync(0, tenth);
Console.WriteLine($"Seeded {volunteers * tenth} records in {clock.Elapsed.TotalSeconds:F0} s");
var small = await MyRecordAsync();
var smallScan = await PartitionQueryAsync();
await SeedAsync(tenth, perVolunteer);
Console.WriteLine($"Seeded {volunteers * perVolunteer} records in {clock.Elapsed.TotalSeconds:F0} s");
var large = await MyRecordAsync();
var largeScan = await PartitionQueryAsync();
await CheckSeedAsync(ids[^1]);
Console.WriteLine($"uptime: {Uptime()}");

// Not timed: the last volunteer (a copy when bulk copying) reads back as themself, with every record and the balance,
// and the committee's year table holds one row per volunteer.
async Task CheckSeedAsync(string id)
{
    var store = sp.GetRequiredService<IServiceRecordStore>();
    var own = await store.ListByVolunteerAsync(id, null, CancellationToken.None);
    var balance = await store.GetBalanceAsync(id, CancellationToken.None);
    var yearRows = await store.ListYearAsync(year, CancellationToken.None);
    var profile = await volunteerStore.GetAsync(id, CancellationToken.None);
    if (own.Count != perVolunteer || own.Any(r => r.VolunteerAadObjectId != id || r.VolunteerName != Name(id)) || balance.Earned != 24 * perVolunteer
        || yearRows.Count != volunteers || profile?.Name != Name(id) || profile.DivisionId != divisions[DivisionOf(id)] || profile.NationalVolunteerId != "NV-" + id[^6..])
    {
        throw new InvalidOperationException($"Seed check failed for {id}: {own.Count} records, balance {balance.Earned}, {yearRows.Count} year rows, profile {profile?.Name}/{profile?.DivisionId}");
    }

    Console.WriteLine($"Seed check ok: {Name(id)} has {own.Count} records and {balance.Earned} points; {yearRows.Count:N0} year rows");
}

async Task<(double Ms, long Requests, bool Ok)> SubmitAsync(string verb, Dictionary<string, string> data)
{
    var before = Interlocked.Read(ref requests);
    var watch = Stopwatch.StartNew();
    var turn = new Turn
    {
        User = new UserIdentity("committee", "29:committee", "张书记"), TenantId = "t", ConversationId = "c", Kind = ConversationKind.Personal,
        Verb = verb, IsInvoke = true, Data = new CardData(data), L = Localizer.For(Language.ZhCn), Roles = await roles.ResolveAsync("committee", CancellationToken.None),
    };
    var result = await router.RouteAsync(turn, CancellationToken.None);
    watch.Stop();
    var ok = result.CardUpdate?.ToJsonString().Contains("/files/", StringComparison.Ordinal) == true;
    return (watch.Elapsed.TotalMilliseconds, Interlocked.Read(ref requests) - before, ok);
}

async Task<(double Ms, long Requests, int Count)> StepAsync<T>(Func<Task<IReadOnlyCollection<T>>> step)
{
    var before = Interlocked.Read(ref requests);
    var watch = Stopwatch.StartNew();
    var result = await step();
    return (watch.Elapsed.TotalMilliseconds, Interlocked.Read(ref requests) - before, result.Count);
}

var yearText = year.ToString(CultureInfo.InvariantCulture);
var publication = await SubmitAsync("hours.publish.submit", new() { ["year"] = yearText });
// Where the publication's time goes: the same reads and the rendering, one by one.
var recordStore = sp.GetRequiredService<IServiceRecordStore>();
var yearRead = await StepAsync(async () => (IReadOnlyCollection<YearSummary>)await recordStore.ListYearAsync(year, CancellationToken.None));
var rosterRead = await StepAsync(async () => (IReadOnlyCollection<VolunteerBot.Dialogs.Domain.Team.Volunteer>)await volunteerStore.ListAllAsync(CancellationToken.None));
var sheet = VolunteerBot.Dialogs.Handlers.Hours.HoursExports.Points(year, await recordStore.ListYearAsync(year, CancellationToken.None),
    await volunteerStore.ListAllAsync(CancellationToken.None), divisions.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => $"处室{x.i:D2}"));
var renderWatch = Stopwatch.StartNew();
var bytes = VolunteerBot.Documents.SpreadsheetRenderer.Render(sheet);
renderWatch.Stop();

// The national-system export (导出记录) for one month and for the year so far (month partitions of the committee's copy).
var busiest = DateOfRecord(0);
var monthExport = await SubmitAsync("hours.export.submit", new()
{
    ["from"] = $"{busiest:yyyy-MM}-01", ["to"] = new DateOnly(busiest.Year, busiest.Month, 1).AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
});
var monthRows = (await recordStore.ListByPeriodAsync(new DateOnly(busiest.Year, busiest.Month, 1), new DateOnly(busiest.Year, busiest.Month, 1).AddMonths(1).AddDays(-1), CancellationToken.None)).Count;
(double Ms, long Requests, bool Ok)? yearExport = skipYearExport ? null : await SubmitAsync("hours.export.submit", new()
{
    ["from"] = $"{year}-01-01", ["to"] = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
});

Console.WriteLine();
Console.WriteLine($"| measure | records in store | time | table/blob requests |");
Console.WriteLine($"|---|---|---|---|");
Console.WriteLine($"| my record turn (median of 21) | {volunteers * tenth:N0} | {small.Median:F1} ms | {small.Requests} |");
Console.WriteLine($"| my record turn (median of 21) | {volunteers * perVolunteer:N0} | {large.Median:F1} ms | {large.Requests} |");
Console.WriteLine($"| — for comparison: one plain query of one volunteer's partition (median of 21) | {volunteers * tenth:N0} | {smallScan:F1} ms | 1 |");
Console.WriteLine($"| — for comparison: one plain query of one volunteer's partition (median of 21) | {volunteers * perVolunteer:N0} | {largeScan:F1} ms | 1 |");
Console.WriteLine($"| annual points publication ({volunteers:N0} volunteers, file + link) | {volunteers * perVolunteer:N0} | {publication.Ms:F0} ms | {publication.Requests} |");
Console.WriteLine($"| — of which: year totals read ({yearRead.Count:N0} rows) | | {yearRead.Ms:F0} ms | {yearRead.Requests} |");
Console.WriteLine($"| — of which: roster read ({rosterRead.Count:N0} profiles) | | {rosterRead.Ms:F0} ms | {rosterRead.Requests} |");
Console.WriteLine($"| — of which: workbook rendered ({sheet.Sheets[0].Rows.Count:N0} rows, {bytes.Length / 1024:N0} KB) | | {renderWatch.Elapsed.TotalMilliseconds:F0} ms | 0 |");
Console.WriteLine($"| national-system export, {busiest:yyyy-MM} ({monthRows:N0} records) | {volunteers * perVolunteer:N0} | {monthExport.Ms:F0} ms | {monthExport.Requests} |");
if (yearExport is { } y)
{
    Console.WriteLine($"| national-system export, {year}-01-01 to today ({volunteers * perVolunteer:N0} records) | {volunteers * perVolunteer:N0} | {y.Ms:F0} ms | {y.Requests} |");
}

Console.WriteLine($"benchmark process working set: {Environment.WorkingSet / 1048576:N0} MB now, {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576:N0} MB peak");
Console.WriteLine($"publication {(publication.Ok ? "ok" : "FAILED")}, month export {(monthExport.Ok ? "ok" : "FAILED")}{(yearExport is { } e ? $", year export {(e.Ok ? "ok" : "FAILED")}" : "")}");
Console.WriteLine($"uptime: {Uptime()}");
if (!args.Contains("--keep"))
{
    await DropAsync(account);
}

return;

// Removes every table, queue and container of one prefix (so a run on a shared Azurite leaves nothing behind).
static async Task DropAsync(StorageAccount account)
{
    var prefix = account.Prefix;
    if (prefix.Length == 0)
    {
        throw new InvalidOperationException("Refusing to drop storage without a prefix.");
    }

    var count = 0;
    await foreach (var t in account.Tables.QueryAsync(t => string.Compare(t.Name, prefix) >= 0 && string.Compare(t.Name, prefix + "{") < 0))
    {
        await account.Tables.DeleteTableAsync(t.Name);
        count++;
    }

    await foreach (var q in account.Queues.GetQueuesAsync(prefix: prefix.ToLowerInvariant()))
    {
        await account.Queues.DeleteQueueAsync(q.Name);
        count++;
    }

    await foreach (var c in account.Blobs.GetBlobContainersAsync(prefix: prefix.ToLowerInvariant()))
    {
        await account.Blobs.DeleteBlobContainerAsync(c.Name);
        count++;
    }

    Console.WriteLine($"Dropped {count} tables, queues and containers with prefix {prefix}");
}

static string Uptime() => File.Exists("/proc/loadavg") ? "load average " + string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

string Name(string id) => "欧阳志愿者" + id[^5..];

int DivisionOf(string id) => int.Parse(id[^5..], CultureInfo.InvariantCulture) % 20;

// Spread over the year so far (month partitions of the committee's copy), never in the future.
DateOnly DateOfRecord(int k) => new DateOnly(year, 1, 1).AddDays(k * 7 % Math.Max(1, DateTime.UtcNow.DayOfYear));

int Arg(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
}

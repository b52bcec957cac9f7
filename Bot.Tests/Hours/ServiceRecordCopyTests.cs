using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Reminders;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Jobs;

namespace VolunteerBot.Tests.Hours;

/// <summary>
/// The committee's copies (month and year) on Azurite: a crossing older write never overwrites a newer copy, a write that
/// died between the truth and the copies is repaired by one repair pass, and a normal write leaves no outbox row.
/// </summary>
public sealed class ServiceRecordCopyTests : IAsyncLifetime
{
    private static readonly CopyRepairOptions RepairOptions = new();
    private static readonly Actor Liaison = new("liaison-1", "李强");
    private static readonly DateTimeOffset At = new(2025, 3, 8, 12, 0, 0, TimeSpan.FromHours(8));
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 8, 4, 58, 0, TimeSpan.Zero));
    private readonly string _v = Guid.NewGuid().ToString();
    private StorageAccount _account = null!;
    private ServiceRecordTableStore _store = null!;
    private ServiceRecord _draft = null!;

    public async Task InitializeAsync()
    {
        _account = await TestStorage.CreateAccountAsync();
        _store = new ServiceRecordTableStore(_account, _time);
        _draft = HoursArithmeticTests.Record(new DateOnly(2025, 3, 8), "2025-copy0001", 3m, RecordStatus.Pending) with
        {
            VolunteerAadObjectId = _v,
            LoggedByAadObjectId = _v,
        };
        await _store.ApplyAsync(_v, _draft.Id, b => RecordRules.Log(b, _draft, At), _ct);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ApplyAsync_OlderCopiesLandAfterNewer_NewerCopiesStay()
    {
        // The liaison confirms 3 h; between that write's truth and its copies, a correction to 2.5 h is written completely.
        _store.BeforeCopies = async ct =>
        {
            _store.BeforeCopies = null;
            await _store.ApplyAsync(_v, _draft.Id, b => RecordRules.Confirm(b!, 2.5m, ServiceQuality.Good, PointsRules.Default, Liaison, At), ct);
        };

        await _store.ApplyAsync(_v, _draft.Id, b => RecordRules.Confirm(b!, 3m, ServiceQuality.Good, PointsRules.Default, Liaison, At), _ct);

        var truth = await _store.GetAsync(_v, _draft.Id, _ct);
        Assert.Equal(2.5m, truth!.Hours);
        await AssertCopiesMatchAsync(truth);
    }

    [Fact]
    public async Task RepairAsync_WriteDiedBetweenTruthAndCopies_OnePassAfterGraceRewritesCopiesAndDeletesOutboxRow()
    {
        _store.BeforeCopies = _ => throw new IOException("process died");
        await Assert.ThrowsAsync<IOException>(() =>
            _store.ApplyAsync(_v, _draft.Id, b => RecordRules.Confirm(b!, 3m, ServiceQuality.Good, PointsRules.Default, Liaison, At), _ct));
        _store.BeforeCopies = null;
        var truth = await _store.GetAsync(_v, _draft.Id, _ct);
        Assert.Equal(RecordStatus.Confirmed, truth!.Status);
        Assert.Contains(await _store.ListPendingAsync(null, _draft.Date, _draft.Date, _ct), r => r.Id == _draft.Id); // the stale copy
        var repair = new ServiceRecordCopyRepairService(new ServiceRecordCopies(_account, _time), _time, Options.Create(RepairOptions),
            NullLogger<ServiceRecordCopyRepairService>.Instance);

        var early = await repair.RunOnceAsync(_ct);
        _time.Advance(RepairOptions.Grace + TimeSpan.FromSeconds(1)); // also crosses into the next UTC hour
        var repaired = await repair.RunOnceAsync(_ct);

        Assert.Equal(0, early);
        Assert.Equal(1, repaired);
        await AssertCopiesMatchAsync(truth);
        Assert.Empty(await OutboxAsync());
    }

    [Fact]
    public async Task RepairAsync_ARowThatNamesNothing_IsDroppedAndTheOthersStillRepaired()
    {
        var owed = _account.Table(StorageNames.ServiceRecordCopies);
        var hour = _time.GetUtcNow().UtcDateTime.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture);
        await owed.AddEntityAsync(new TableEntity(hour, "broken") { ["VolunteerPartition"] = "", ["RecordId"] = "x", ["At"] = _time.GetUtcNow() }, _ct);
        var copies = new ServiceRecordCopies(_account, _time);
        var good = await copies.OweAsync(TableKeys.Escape(_v), _draft.Id, _ct); // a write that died after its truth
        _time.Advance(RepairOptions.Grace + TimeSpan.FromSeconds(1));

        var repaired = await copies.RepairAsync(RepairOptions.Grace, _ct);

        Assert.Equal(2, repaired);
        Assert.Empty(await OutboxAsync());
        var copy = Assert.Single(await _store.ListByPeriodAsync(_draft.Date, _draft.Date, _ct), r => r.Id == _draft.Id);
        Assert.Equal(RecordStatus.Pending, copy.Status);
        Assert.NotEqual(default, good.ETag);
    }

    [Fact]
    public async Task ApplyAsync_NormalWrites_LeaveNoOutboxRow()
    {
        await _store.ApplyAsync(_v, _draft.Id, b => RecordRules.Confirm(b!, 3m, ServiceQuality.Good, PointsRules.Default, Liaison, At), _ct);

        Assert.Empty(await OutboxAsync());
        await AssertCopiesMatchAsync((await _store.GetAsync(_v, _draft.Id, _ct))!);
    }

    [Fact]
    public async Task ApplyAsync_YearRowWithoutVersion_IsReadAndItsCopyReplaced()
    {
        // A year row and copy as written before versions existed (no Version property).
        var years = _account.Table(StorageNames.ServiceRecordYears);
        var truthTable = _account.Table(StorageNames.ServiceRecords);
        var legacy = new TableEntity(TableKeys.Escape(_v), "y-2025") { ["Year"] = 2025, ["VolunteerAadObjectId"] = _v, ["VolunteerName"] = "王芳", ["Hours"] = 1.0, ["Points"] = 12, ["Records"] = 1, ["HoursByDivision"] = "{\"d1\":1}" };
        await truthTable.UpsertEntityAsync(legacy, TableUpdateMode.Replace, _ct);
        await years.UpsertEntityAsync(new TableEntity(legacy) { PartitionKey = "2025", RowKey = TableKeys.Escape(_v) }, TableUpdateMode.Replace, _ct);

        await _store.ApplyAsync(_v, _draft.Id, b => RecordRules.Confirm(b!, 3m, ServiceQuality.Good, PointsRules.Default, Liaison, At), _ct);

        var year = Assert.Single(await _store.ListYearAsync(2025, _ct));
        Assert.Equal(4m, year.Hours);
        Assert.Equal(2, year.Records);
        Assert.Equal(1, (await years.GetEntityAsync<TableEntity>("2025", TableKeys.Escape(_v), cancellationToken: _ct)).Value.GetInt32("Version"));
    }

    private async Task AssertCopiesMatchAsync(ServiceRecord truth)
    {
        var copy = Assert.Single(await _store.ListByPeriodAsync(truth.Date, truth.Date, _ct), r => r.Id == truth.Id);
        Assert.Equal((truth.Status, truth.Hours, truth.Points, truth.Revision), (copy.Status, copy.Hours, copy.Points, copy.Revision));
        var year = Assert.Single(await _store.ListYearAsync(truth.Date.Year, _ct), y => y.VolunteerAadObjectId == _v);
        Assert.Equal((truth.ConfirmedHours, truth.Points, 1), (year.Hours, year.Points, year.Records));
    }

    private async Task<List<TableEntity>> OutboxAsync()
    {
        var rows = new List<TableEntity>();
        await foreach (var e in _account.Table(StorageNames.ServiceRecordCopies).QueryAsync<TableEntity>(cancellationToken: _ct))
        {
            rows.Add(e);
        }

        return rows;
    }
}

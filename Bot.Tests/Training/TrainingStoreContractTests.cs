using VolunteerBot.Dialogs.Domain.Training;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Training;

/// <summary>The ITrainingStore contract; runs against the in-memory fake and the Table Storage store on Azurite.</summary>
public abstract class TrainingStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 6, 20, 16, 0, 0, TimeSpan.FromHours(8));
    private readonly CancellationToken _ct = CancellationToken.None;

    protected ITrainingStore Store { get; private set; } = null!;

    protected abstract Task<ITrainingStore> CreateAsync();

    public async Task InitializeAsync() => Store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static TrainingSession Session(string id, DateOnly date, params string[] attendees) => new()
    {
        Id = id, Title = "垃圾分类知识培训", Kind = TrainingKind.Skills, Date = date, Hours = 1.5m, Organiser = "机关党委", Content = "分类标准与宣讲要点",
        Attendees = [.. attendees.Select(a => new TrainingAttendee(a, "志愿者" + a, "d-1"))],
        RecordedByAadObjectId = "c-1", RecordedByName = "张书记", RecordedAt = At, UpdatedAt = At,
    };

    private static void AssertSame(TrainingSession expected, TrainingSession? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected with { Attendees = [] }, actual with { Attendees = [] });
        Assert.Equal(expected.Attendees, actual.Attendees);
    }

    [Fact]
    public async Task Get_NothingSaved_NullAndEmptyLists()
    {
        Assert.Null(await Store.GetAsync("2025-00000000", _ct));
        Assert.Empty(await Store.ListYearAsync(2025, _ct));
        Assert.Empty(await Store.ListForVolunteerAsync("v-1", _ct));
    }

    [Fact]
    public async Task Save_ThenGet_RoundTripsEveryField()
    {
        var session = Session("2025-aaaa0001", new DateOnly(2025, 6, 18), "v-1", "v-2") with { Kind = TrainingKind.MoralLecture, Hours = 2.5m };

        await Store.SaveAsync(session, _ct);

        AssertSame(session, await Store.GetAsync(session.Id, _ct));
    }

    [Fact]
    public async Task ListYear_ByTheIdsYear_NewestTrainingFirstThenLatestRecorded()
    {
        var older = Session("2025-aaaa0001", new DateOnly(2025, 3, 1), "v-1");
        var newer = Session("2025-aaaa0002", new DateOnly(2025, 6, 1), "v-1");
        var sameDayLater = Session("2025-aaaa0003", new DateOnly(2025, 3, 1), "v-1") with { RecordedAt = At.AddHours(1) };
        var lastYear = Session("2024-aaaa0004", new DateOnly(2025, 1, 2), "v-1"); // form opened in 2024, held in 2025
        foreach (var s in new[] { older, newer, sameDayLater, lastYear })
        {
            await Store.SaveAsync(s, _ct);
        }

        Assert.Equal([newer.Id, sameDayLater.Id, older.Id], (await Store.ListYearAsync(2025, _ct)).Select(s => s.Id));
        Assert.Equal([lastYear.Id], (await Store.ListYearAsync(2024, _ct)).Select(s => s.Id));
    }

    [Fact]
    public async Task ListForVolunteer_OwnTrainingsNewestFirst_WithTheSessionsFields()
    {
        await Store.SaveAsync(Session("2025-bbbb0001", new DateOnly(2025, 2, 10), "v-1", "v-2"), _ct);
        await Store.SaveAsync(Session("2025-bbbb0002", new DateOnly(2025, 5, 10), "v-1") with { Title = "主题党日", Kind = TrainingKind.PartyDay, Hours = 3m, Organiser = "第一支部" }, _ct);
        await Store.SaveAsync(Session("2025-bbbb0003", new DateOnly(2025, 4, 10), "v-2"), _ct);

        var mine = await Store.ListForVolunteerAsync("v-1", _ct);

        Assert.Equal(
            [new TrainingAttendance("2025-bbbb0002", "主题党日", TrainingKind.PartyDay, new DateOnly(2025, 5, 10), 3m, "第一支部"),
             new TrainingAttendance("2025-bbbb0001", "垃圾分类知识培训", TrainingKind.Skills, new DateOnly(2025, 2, 10), 1.5m, "机关党委")],
            mine);
        Assert.Equal(["2025-bbbb0003", "2025-bbbb0001"], (await Store.ListForVolunteerAsync("v-2", _ct)).Select(a => a.SessionId));
    }

    [Fact]
    public async Task SaveAgain_AttendeeRemovedAndDateMoved_AttendanceFollowsTheSession()
    {
        var first = Session("2025-cccc0001", new DateOnly(2025, 6, 1), "v-1", "v-2", "v-3");
        await Store.SaveAsync(first, _ct);

        var corrected = Session("2025-cccc0001", new DateOnly(2025, 6, 3), "v-1", "v-3", "v-4") with { Title = "更正后的标题", UpdatedAt = At.AddDays(1) };
        await Store.SaveAsync(corrected, _ct);
        await Store.SaveAsync(corrected, _ct); // a double tap saves once

        AssertSame(corrected, await Store.GetAsync(first.Id, _ct));
        Assert.Single(await Store.ListYearAsync(2025, _ct));
        Assert.Empty(await Store.ListForVolunteerAsync("v-2", _ct));
        foreach (var v in new[] { "v-1", "v-3", "v-4" })
        {
            var row = Assert.Single(await Store.ListForVolunteerAsync(v, _ct));
            Assert.Equal((new DateOnly(2025, 6, 3), "更正后的标题"), (row.Date, row.Title));
        }
    }

    [Fact]
    public async Task SaveAgain_AttendeeIdInOtherLetterCase_OneAttendanceFoundByEitherCase()
    {
        // Entra object ids are GUIDs, compared without regard to case: the same person, one attendance.
        const string lower = "0f8fad5b-d9cb-469f-a165-70867728950e";
        var upper = lower.ToUpperInvariant();
        await Store.SaveAsync(Session("2025-eeee0001", new DateOnly(2025, 6, 1), lower), _ct);

        var corrected = Session("2025-eeee0001", new DateOnly(2025, 6, 1), upper) with { Title = "更正后的标题", UpdatedAt = At.AddDays(1) };
        await Store.SaveAsync(corrected, _ct);

        foreach (var id in new[] { lower, upper })
        {
            var row = Assert.Single(await Store.ListForVolunteerAsync(id, _ct));
            Assert.Equal(("2025-eeee0001", "更正后的标题"), (row.SessionId, row.Title));
        }

        // Taken off in either case: no attendance left behind under the other.
        await Store.SaveAsync(corrected with { Attendees = [] }, _ct);
        Assert.Empty(await Store.ListForVolunteerAsync(lower, _ct));
        Assert.Empty(await Store.ListForVolunteerAsync(upper, _ct));
    }

    [Fact]
    public async Task Save_LongAttendanceList_RoundTripsEveryAttendee()
    {
        // Long enough that the attendees no longer fit one table property (32K characters).
        var names = Enumerable.Range(0, 120).Select(i => "v-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture) + new string('x', 300)).ToArray();
        var session = Session("2025-dddd0001", new DateOnly(2025, 6, 5), names);

        await Store.SaveAsync(session, _ct);

        AssertSame(session, await Store.GetAsync(session.Id, _ct));
        Assert.Single(await Store.ListForVolunteerAsync(names[119], _ct));
    }
}

public sealed class MemoryTrainingStoreContractTests : TrainingStoreContractTests
{
    protected override Task<ITrainingStore> CreateAsync() => Task.FromResult<ITrainingStore>(new MemoryTrainingStore());
}

public sealed class TableTrainingStoreContractTests : TrainingStoreContractTests
{
    protected override async Task<ITrainingStore> CreateAsync() => new TrainingTableStore(await TestStorage.CreateAccountAsync());
}

using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Storage.Rules;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Rules;

/// <summary>The IPointsPublicationStore contract; runs against the in-memory fake and the Table Storage store on Azurite.</summary>
public abstract class PointsPublicationStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 1, 20, 9, 30, 0, TimeSpan.FromHours(8));
    private readonly CancellationToken _ct = CancellationToken.None;

    protected IPointsPublicationStore Store { get; private set; } = null!;

    protected abstract Task<IPointsPublicationStore> CreateAsync();

    public async Task InitializeAsync() => Store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static PublicationLine Line(string aad, string name, string division, int rank, int points = 10, decimal hours = 2.5m) =>
        new(aad, name, "d-" + division, division, points > 0, hours, points, rank, 3, rank, 9);

    [Fact]
    public async Task Get_NothingPublished_NullAndNoLine()
    {
        Assert.Null(await Store.GetAsync(2025, _ct));
        Assert.Null(await Store.FindLineAsync(2025, "v-1", _ct));
    }

    [Fact]
    public async Task Save_ThenGet_LinesByDivisionRankAndNameWithTheYear()
    {
        var publication = new PointsPublication(2025, At, "张书记",
        [
            Line("v-3", "赵敏", "政策法规处", 2),
            Line("v-1", "王芳", "中小企业处", 1),
            Line("v-2", "李强", "政策法规处", 1),
            Line("v-4", "陈静", "政策法规处", 2, points: 0, hours: 0m),
        ])
        { PostedTeamId = "team-1", PostedChannelId = "19:general", PostedChannelName = "通知公告" };

        await Store.SaveAsync(publication, _ct);
        var stored = await Store.GetAsync(2025, _ct);

        Assert.NotNull(stored);
        Assert.Equal((At, "张书记", "team-1", "19:general", "通知公告"), (stored.PublishedAt, stored.PublishedByName, stored.PostedTeamId, stored.PostedChannelId, stored.PostedChannelName));
        Assert.Equal(new[] { "v-1", "v-2", "v-3", "v-4" }, stored.Lines.Select(l => l.AadObjectId).Order());
        var expected = publication.Lines.Select(l => l with { Year = 2025 })
            .OrderBy(l => l.DivisionName, StringComparer.Ordinal).ThenBy(l => l.Rank).ThenBy(l => l.Name, StringComparer.Ordinal);
        Assert.Equal(expected, stored.Lines);
        Assert.Null(await Store.GetAsync(2024, _ct));
    }

    [Fact]
    public async Task SaveAgain_FewerPeople_ReplacesTheYearAndDropsTheOthers()
    {
        await Store.SaveAsync(new PointsPublication(2025, At, "张书记", [Line("v-1", "王芳", "中小企业处", 1), Line("v-2", "李强", "中小企业处", 2)]), _ct);
        await Store.SaveAsync(new PointsPublication(2024, At, "张书记", [Line("v-2", "李强", "中小企业处", 1)]), _ct);

        await Store.SaveAsync(new PointsPublication(2025, At.AddDays(1), "刘主任", [Line("v-1", "王芳", "中小企业处", 1, points: 40)]), _ct);

        var stored = await Store.GetAsync(2025, _ct);
        Assert.Equal((At.AddDays(1), "刘主任"), (stored!.PublishedAt, stored.PublishedByName));
        Assert.Null(stored.PostedChannelId);
        Assert.Equal(40, Assert.Single(stored.Lines).Points);
        Assert.Null(await Store.FindLineAsync(2025, "v-2", _ct));
        Assert.NotNull(await Store.FindLineAsync(2024, "v-2", _ct));
    }

    [Fact]
    public async Task FindLine_AnyCaseOfTheId_ThatYearsLine()
    {
        await Store.SaveAsync(new PointsPublication(2025, At, "张书记", [Line("Aad-Upper", "王芳", "中小企业处", 1, points: 25, hours: 12.5m)]), _ct);

        var line = await Store.FindLineAsync(2025, "aad-upper", _ct);

        Assert.Equal(Line("Aad-Upper", "王芳", "中小企业处", 1, points: 25, hours: 12.5m) with { Year = 2025 }, line);
        Assert.Null(await Store.FindLineAsync(2026, "aad-upper", _ct));
    }

    [Fact]
    public async Task Save_MoreThanOneTransactionOfLines_EveryLineKept()
    {
        var lines = Enumerable.Range(0, 230).Select(i => Line("v-" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture), "志愿者" + i, "处" + (i % 7), i % 40 + 1)).ToList();

        await Store.SaveAsync(new PointsPublication(2025, At, "张书记", lines), _ct);
        await Store.SaveAsync(new PointsPublication(2025, At, "张书记", lines.Take(120).ToList()), _ct);

        var stored = await Store.GetAsync(2025, _ct);
        Assert.Equal(120, stored!.Lines.Count);
        Assert.NotNull(await Store.FindLineAsync(2025, "v-119", _ct));
        Assert.Null(await Store.FindLineAsync(2025, "v-120", _ct));
    }
}

public sealed class MemoryPointsPublicationStoreContractTests : PointsPublicationStoreContractTests
{
    protected override Task<IPointsPublicationStore> CreateAsync() => Task.FromResult<IPointsPublicationStore>(new MemoryPointsPublicationStore());
}

public sealed class TablePointsPublicationStoreContractTests : PointsPublicationStoreContractTests
{
    protected override async Task<IPointsPublicationStore> CreateAsync() => new PointsPublicationTableStore(await TestStorage.CreateAccountAsync());
}

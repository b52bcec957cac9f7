using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Storage.Rules;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Rules;

/// <summary>The IHonourStore contract; runs against the in-memory fake and the Table Storage store on Azurite.</summary>
public abstract class HonourStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 1, 12, 10, 0, 0, TimeSpan.FromHours(8));
    private readonly CancellationToken _ct = CancellationToken.None;

    protected IHonourStore Store { get; private set; } = null!;

    protected abstract Task<IHonourStore> CreateAsync();

    public async Task InitializeAsync() => Store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static Honour Volunteer(int year, string aad, string name, int minutes, DateTimeOffset? announced = null) => new()
    {
        Year = year, Kind = HonourKind.Volunteer, SubjectId = aad, SubjectName = name, DivisionName = "政策法规处", Hours = 86.5m,
        Reason = "全年服务时长第一", NamedByName = "张书记", NamedAt = At.AddMinutes(minutes), AnnouncedAt = announced,
        CertificateNumber = announced is null ? null : "HR-" + year + "-001",
    };

    private static Honour Team(int year, string division, string name, int minutes) => new()
    {
        Year = year, Kind = HonourKind.Team, SubjectId = division, SubjectName = name, Reason = "组织活动最多", NamedByName = "张书记", NamedAt = At.AddMinutes(minutes),
    };

    private static FeaturedProject Featured(int year, string project, int minutes, string note = "社区垃圾分类") =>
        new(year, project, "垃圾分类宣传进社区", ["d-1", "d-2"], note, "张书记", At.AddMinutes(minutes));

    [Fact]
    public async Task ListYear_VolunteersAndTeams_VolunteersFirstThenByNamingTimeOtherYearsApart()
    {
        await Store.SaveAsync(Team(2025, "D-Law", "政策法规处", 1), _ct);
        await Store.SaveAsync(Volunteer(2025, "v-late", "李强", 5), _ct);
        await Store.SaveAsync(Volunteer(2025, "v-early", "王芳", 2), _ct);
        await Store.SaveAsync(Volunteer(2024, "v-early", "王芳", 0), _ct);
        await Store.SaveFeaturedAsync(Featured(2025, "2025-aaaa0001", 0), _ct);

        var year = await Store.ListYearAsync(2025, _ct);

        Assert.Equal(["v-early", "v-late", "D-Law"], year.Select(h => h.SubjectId));
        Assert.Equal(Volunteer(2025, "v-early", "王芳", 2), year[0]);
        Assert.Equal(Team(2025, "D-Law", "政策法规处", 1), year[2]);
        Assert.Single(await Store.ListYearAsync(2024, _ct));
        Assert.Empty(await Store.ListYearAsync(2023, _ct));
    }

    [Fact]
    public async Task Save_SameSubjectAgain_ReplacesTheNaming()
    {
        await Store.SaveAsync(Volunteer(2025, "V-Case", "王芳", 1), _ct);
        await Store.SaveAsync(Volunteer(2025, "v-case", "王芳", 1) with { Reason = "带动同事参加服务" }, _ct);
        await Store.SaveAsync(Team(2025, "d-1", "中小企业处", 2), _ct);
        await Store.SaveAsync(Team(2025, "d-1", "中小企业处", 2) with { Reason = "新理由" }, _ct);

        var year = await Store.ListYearAsync(2025, _ct);

        Assert.Equal(2, year.Count);
        Assert.Equal("带动同事参加服务", year[0].Reason);
        Assert.Equal("新理由", year[1].Reason);
    }

    [Fact]
    public async Task ListForVolunteer_OnlyAnnouncedVolunteerHonours_NewestYearFirstAnyCase()
    {
        await Store.SaveAsync(Volunteer(2023, "Aad-1", "王芳", 0, At), _ct);
        await Store.SaveAsync(Volunteer(2025, "Aad-1", "王芳", 0, At.AddYears(2)), _ct);
        await Store.SaveAsync(Volunteer(2024, "Aad-1", "王芳", 0), _ct); // named, not announced yet
        await Store.SaveAsync(Team(2025, "Aad-1", "同名的处室", 0) with { AnnouncedAt = At }, _ct);
        await Store.SaveAsync(Volunteer(2025, "aad-2", "李强", 1, At), _ct);

        var mine = await Store.ListForVolunteerAsync("aad-1", _ct);

        Assert.Equal([2025, 2023], mine.Select(h => h.Year));
        Assert.All(mine, h => Assert.Equal(HonourKind.Volunteer, h.Kind));
        Assert.Equal(Volunteer(2025, "Aad-1", "王芳", 0, At.AddYears(2)), mine[0]);
        Assert.Equal("HR-2025-001", mine[0].CertificateNumber);
        Assert.Empty(await Store.ListForVolunteerAsync("nobody", _ct));
    }

    [Fact]
    public async Task Remove_NamedThenAgain_TrueThenFalseAndAnnouncedCopyGone()
    {
        await Store.SaveAsync(Volunteer(2025, "v-1", "王芳", 0, At), _ct);
        await Store.SaveAsync(Team(2025, "d-1", "中小企业处", 1), _ct);

        Assert.True(await Store.RemoveAsync(2025, HonourKind.Volunteer, "V-1", _ct));
        Assert.False(await Store.RemoveAsync(2025, HonourKind.Volunteer, "v-1", _ct));
        Assert.False(await Store.RemoveAsync(2025, HonourKind.Volunteer, "d-1", _ct)); // a team's id is not a volunteer's
        Assert.False(await Store.RemoveAsync(2024, HonourKind.Team, "d-1", _ct));

        Assert.Empty(await Store.ListForVolunteerAsync("v-1", _ct));
        Assert.Equal("d-1", Assert.Single(await Store.ListYearAsync(2025, _ct)).SubjectId);
        Assert.True(await Store.RemoveAsync(2025, HonourKind.Team, "d-1", _ct));
        Assert.Empty(await Store.ListYearAsync(2025, _ct));
    }

    [Fact]
    public async Task Featured_SaveReplaceRemove_PerYearInMarkingOrder()
    {
        await Store.SaveFeaturedAsync(Featured(2025, "2025-bbbb0002", 5), _ct);
        await Store.SaveFeaturedAsync(Featured(2025, "2025-aaaa0001", 9), _ct);
        await Store.SaveFeaturedAsync(Featured(2025, "2025-aaaa0001", 1, "改写的说明"), _ct);
        await Store.SaveFeaturedAsync(Featured(2024, "2024-cccc0003", 0), _ct);

        var featured = await Store.ListFeaturedAsync(2025, _ct);

        Assert.Equal(["2025-aaaa0001", "2025-bbbb0002"], featured.Select(f => f.ProjectId));
        var first = featured[0];
        Assert.Equal(("改写的说明", "垃圾分类宣传进社区", "张书记", At.AddMinutes(1), 2025), (first.Note, first.Title, first.MarkedByName, first.MarkedAt, first.Year));
        Assert.Equal(["d-1", "d-2"], first.DivisionIds);
        Assert.Empty(await Store.ListYearAsync(2025, _ct)); // featured projects are not honours

        Assert.True(await Store.RemoveFeaturedAsync(2025, "2025-aaaa0001", _ct));
        Assert.False(await Store.RemoveFeaturedAsync(2025, "2025-aaaa0001", _ct));
        Assert.Equal("2025-bbbb0002", Assert.Single(await Store.ListFeaturedAsync(2025, _ct)).ProjectId);
        Assert.Single(await Store.ListFeaturedAsync(2024, _ct));
    }
}

public sealed class MemoryHonourStoreContractTests : HonourStoreContractTests
{
    protected override Task<IHonourStore> CreateAsync() => Task.FromResult<IHonourStore>(new MemoryHonourStore());
}

public sealed class TableHonourStoreContractTests : HonourStoreContractTests
{
    protected override async Task<IHonourStore> CreateAsync() => new HonourTableStore(await TestStorage.CreateAccountAsync());
}

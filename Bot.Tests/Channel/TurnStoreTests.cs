using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Channel;

/// <summary>Issue 15: the stores behind a two-request turn, on Azurite: the language copy, the divisions cache, the reference cache.</summary>
public sealed class TurnStoreTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private readonly DateTimeOffset _now = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);
    private StorageAccount _account = null!;

    public async Task InitializeAsync() => _account = await TestStorage.CreateAccountAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task RegisterAsync(string aad, string division = "d1") =>
        await new VolunteerTableStore(_account).SaveAsync(new VolunteerProfile(aad, "王芳", division, false, null, null), _now, DateOnly.FromDateTime(_now.UtcDateTime), _ct);

    [Fact]
    public async Task TurnUser_ProfileWithoutLanguageCopy_ReadsSettingsOnceThenProfileAlone()
    {
        var aad = Guid.NewGuid().ToString();
        await new UserSettingsTableStore(_account).SetLanguageAsync(aad, Language.EnUs, _ct);
        await RegisterAsync(aad);
        var users = new TurnUserTableStore(_account);

        var first = await users.GetAsync(aad, _ct);
        var counter = new StorageRequestCounter();
        var counted = new TurnUserTableStore(new StorageAccount(TestStorage.ConnectionString, _account.Prefix, policies: [counter]));
        var requests = counter.Begin();
        var second = await counted.GetAsync(aad, _ct);

        Assert.Equal(Language.EnUs, first.Language);
        Assert.Equal(Language.EnUs, second.Language);
        Assert.Equal("王芳", second.Volunteer!.Name);
        Assert.Single(requests);
    }

    [Fact]
    public async Task TurnUser_LanguageChangedAfterRegistration_CopyFollows_AndSurvivesAProfileSave()
    {
        var aad = Guid.NewGuid().ToString();
        await RegisterAsync(aad);
        var users = new TurnUserTableStore(_account);
        Assert.Null((await users.GetAsync(aad, _ct)).Language);

        await new UserSettingsTableStore(_account).SetLanguageAsync(aad, Language.EnUs, _ct);
        Assert.Equal(Language.EnUs, (await users.GetAsync(aad, _ct)).Language);

        await RegisterAsync(aad, division: "d2");
        await new VolunteerTableStore(_account).SetCommunityAsync(aad, "金凤区XX社区", DateOnly.FromDateTime(_now.UtcDateTime), _now, _ct);
        var after = await users.GetAsync(aad, _ct);
        Assert.Equal(Language.EnUs, after.Language);
        Assert.Equal("d2", after.Volunteer!.DivisionId);
    }

    [Fact]
    public async Task TurnUser_Unregistered_LanguageFromSettings()
    {
        var aad = Guid.NewGuid().ToString();
        await new UserSettingsTableStore(_account).SetLanguageAsync(aad, Language.EnUs, _ct);

        var user = await new TurnUserTableStore(_account).GetAsync(aad, _ct);

        Assert.Null(user.Volunteer);
        Assert.Equal(Language.EnUs, user.Language);
    }

    [Fact]
    public async Task TurnScopedProfile_AnsweredFromTheTurn_ForgottenOnSaveAndAfterTheTurn()
    {
        var aad = Guid.NewGuid().ToString();
        var store = new Dialogs.Routing.TurnScopedVolunteerStore(new VolunteerTableStore(_account));
        await RegisterAsync(aad);

        using (var scope = Dialogs.Routing.TurnProfileScope.Begin())
        {
            // The turn read "not registered" at its start: the rest of the turn gets that answer without a read.
            scope.Remember(aad, null);
            Assert.Null(await store.GetAsync(aad, _ct));

            await store.SaveAsync(new VolunteerProfile(aad, "王芳", "d3", false, null, null), _now, DateOnly.FromDateTime(_now.UtcDateTime), _ct);
            Assert.Equal("d3", (await store.GetAsync(aad, _ct))!.DivisionId);

            scope.Remember(aad, null);
        }

        Assert.Equal("d3", (await store.GetAsync(aad, _ct))!.DivisionId);
    }

    [Fact]
    public async Task Divisions_ChangedOnAnotherInstance_SeenAfterAtMost30Seconds()
    {
        var time = new FakeTimeProvider(_now);
        var here = new CachedDivisionStore(new DivisionTableStore(_account), time);
        var elsewhere = new CachedDivisionStore(new DivisionTableStore(_account), time);
        var division = (await here.CreateAsync("办公室", _now, _ct)).Division!;
        Assert.Empty((await here.ListAsync(false, _ct)).Single().LiaisonAadObjectIds);

        await elsewhere.AddLiaisonAsync(division.Id, "liaison-1", _ct);
        time.Advance(TimeSpan.FromSeconds(29));
        var stale = (await here.ListAsync(false, _ct)).Single();
        time.Advance(TimeSpan.FromSeconds(1));
        var fresh = (await here.ListAsync(false, _ct)).Single();

        Assert.Empty(stale.LiaisonAadObjectIds);
        Assert.Equal(["liaison-1"], fresh.LiaisonAadObjectIds);
    }

    [Fact]
    public async Task Divisions_ChangedOnThisInstance_SeenAtOnce()
    {
        var time = new FakeTimeProvider(_now);
        var store = new CachedDivisionStore(new DivisionTableStore(_account), time);
        var division = (await store.CreateAsync("办公室", _now, _ct)).Division!;
        Assert.Single(await store.ListAsync(false, _ct));

        await store.AddLiaisonAsync(division.Id, "liaison-1", _ct);
        await store.SetArchivedAsync(division.Id, true, _ct);

        Assert.Empty(await store.ListAsync(false, _ct));
        Assert.Equal(["liaison-1"], (await store.ListAsync(true, _ct)).Single().LiaisonAadObjectIds);
        Assert.True((await store.GetAsync(division.Id, _ct))!.Archived);
    }

    [Fact]
    public async Task Reference_UnreachableMarkedElsewhere_RewrittenAfterTheCacheExpires()
    {
        var time = new FakeTimeProvider(_now);
        var here = new ConversationReferenceTableStore(_account, time);
        var elsewhere = new ConversationReferenceTableStore(_account, time);
        var reference = new ConversationReference
        {
            ConversationId = "a:1", ConversationType = "personal", ServiceUrl = "https://smba.example/", TenantId = "t", AadObjectId = "u1",
        };
        await here.SaveAsync(reference, _ct);

        await elsewhere.MarkUnreachableAsync("u1", _ct);
        await here.RefreshAsync(reference, _ct);
        Assert.True((await elsewhere.GetPersonalAsync("u1", _ct))!.Unreachable);

        time.Advance(ConversationReferenceTableStore.KnownFor);
        await here.RefreshAsync(reference, _ct);
        Assert.False((await elsewhere.GetPersonalAsync("u1", _ct))!.Unreachable);
    }

    [Fact]
    public async Task Reference_MarkedUnreachableHere_NextRefreshWrites()
    {
        var store = new ConversationReferenceTableStore(_account, new FakeTimeProvider(_now));
        var reference = new ConversationReference
        {
            ConversationId = "a:2", ConversationType = "personal", ServiceUrl = "https://smba.example/", TenantId = "t", AadObjectId = "u2",
        };
        await store.SaveAsync(reference, _ct);

        await store.MarkUnreachableAsync("u2", _ct);
        await store.RefreshAsync(reference, _ct);

        Assert.False((await new ConversationReferenceTableStore(_account).GetPersonalAsync("u2", _ct))!.Unreachable);
    }
}

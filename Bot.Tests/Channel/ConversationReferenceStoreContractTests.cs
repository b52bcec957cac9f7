using VolunteerBot.Channel;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Channel;

/// <summary>The IConversationReferenceStore contract; runs against the in-memory fake and the Table Storage store on Azurite.</summary>
public abstract class ConversationReferenceStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 3, 10, 8, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = CancellationToken.None;

    protected IConversationReferenceStore Store { get; private set; } = null!;

    protected abstract Task<IConversationReferenceStore> CreateAsync();

    public async Task InitializeAsync() => Store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static ConversationReference Personal(string aad, string conversation = "a:conv-1") => new()
    {
        ConversationId = conversation, ConversationType = "personal", ServiceUrl = "https://smba.example/apac/", TenantId = "tenant-1",
        AadObjectId = aad, ChannelUserId = "29:" + aad, UserName = "王芳", BotId = "28:bot", BotName = "志愿服务助手", UpdatedAt = At,
    };

    private static ConversationReference Channel(string team, string? teamName = "机关志愿服务队") => new()
    {
        ConversationId = "19:" + team + "@thread.tacv2", ConversationType = "channel", ServiceUrl = "https://smba.example/apac/", TenantId = "tenant-1",
        TeamId = team, TeamName = teamName, ChannelId = "19:" + team + "@thread.tacv2", BotId = "28:bot", UpdatedAt = At,
    };

    [Fact]
    public async Task Get_NothingSaved_Null()
    {
        Assert.Null(await Store.GetPersonalAsync("v-1", _ct));
        Assert.Null(await Store.GetTeamAsync("team-1", _ct));
        Assert.Empty(await Store.ListTeamsAsync(_ct));
        Assert.Empty(await Store.GetPersonalManyAsync(new HashSet<string> { "v-1" }, _ct));
    }

    [Fact]
    public async Task Save_PersonalAndChannel_ReadBackByUserAndTeam()
    {
        await Store.SaveAsync(Personal("v-1"), _ct);
        await Store.SaveAsync(Channel("team-b"), _ct);
        await Store.SaveAsync(Channel("team-a"), _ct);
        await Store.SaveAsync(Personal("v-1") with { ConversationType = "groupChat", ConversationId = "19:group@thread.v2", AadObjectId = null }, _ct);

        Assert.Equal(Personal("v-1"), await Store.GetPersonalAsync("v-1", _ct));
        Assert.Equal(Channel("team-a"), await Store.GetTeamAsync("team-a", _ct));
        Assert.Equal(["team-a", "team-b"], (await Store.ListTeamsAsync(_ct)).Select(t => t.TeamId));
        Assert.Null(await Store.GetPersonalAsync("nobody", _ct));
    }

    [Fact]
    public async Task Save_PersonalWithoutUser_NothingStored()
    {
        await Store.SaveAsync(Personal("v-1") with { AadObjectId = null }, _ct);

        Assert.Empty(await Store.GetPersonalManyAsync(new HashSet<string> { "v-1", "" }, _ct));
    }

    [Fact]
    public async Task Save_LaterEventWithFewerFields_KeepsWhatItDoesNotCarry()
    {
        await Store.SaveAsync(Channel("team-1"), _ct);

        // A channel message carries no team name: the name the install event stored stays.
        await Store.SaveAsync(Channel("team-1", teamName: null) with { ServiceUrl = "https://smba.example/emea/", UpdatedAt = At.AddHours(1) }, _ct);

        var team = await Store.GetTeamAsync("team-1", _ct);
        Assert.Equal(Channel("team-1") with { ServiceUrl = "https://smba.example/emea/", UpdatedAt = At.AddHours(1) }, team);
    }

    [Fact]
    public async Task Refresh_UnchangedThenChanged_OnlyTheChangeIsWritten()
    {
        await Store.SaveAsync(Personal("v-1"), _ct);

        await Store.RefreshAsync(Personal("v-1") with { UpdatedAt = At.AddHours(1) }, _ct);
        var unchanged = await Store.GetPersonalAsync("v-1", _ct);
        await Store.RefreshAsync(Personal("v-1", conversation: "a:conv-2") with { UpdatedAt = At.AddHours(2) }, _ct);
        var moved = await Store.GetPersonalAsync("v-1", _ct);
        await Store.RefreshAsync(Personal("v-2") with { UpdatedAt = At.AddHours(3) }, _ct);

        Assert.Equal(At, unchanged!.UpdatedAt);
        Assert.Equal(("a:conv-2", At.AddHours(2)), (moved!.ConversationId, moved.UpdatedAt));
        Assert.Equal(At.AddHours(3), (await Store.GetPersonalAsync("v-2", _ct))!.UpdatedAt);
    }

    [Fact]
    public async Task MarkUnreachable_ThenTheUserWritesAgain_ReachableAgain()
    {
        await Store.SaveAsync(Personal("v-1"), _ct);

        await Store.MarkUnreachableAsync("v-1", _ct);
        await Store.MarkUnreachableAsync("nobody", _ct);
        var marked = await Store.GetPersonalAsync("v-1", _ct);
        await Store.RefreshAsync(Personal("v-1") with { UpdatedAt = At.AddDays(1) }, _ct);

        Assert.True(marked!.Unreachable);
        Assert.Equal(Personal("v-1") with { Unreachable = true }, marked);
        Assert.False((await Store.GetPersonalAsync("v-1", _ct))!.Unreachable);
        Assert.Null(await Store.GetPersonalAsync("nobody", _ct)); // marking does not create a row
    }

    [Fact]
    public async Task SetActive_TeamAndPersonal_OnlyTheFlagChangesAndMissingStaysMissing()
    {
        await Store.SaveAsync(Channel("team-1"), _ct);
        await Store.SaveAsync(Personal("v-1"), _ct);

        await Store.SetActiveAsync("channel", "team-1", false, _ct);
        await Store.SetActiveAsync("personal", "v-1", false, _ct);
        await Store.SetActiveAsync("channel", "team-missing", false, _ct);

        Assert.Equal(Channel("team-1") with { Active = false }, await Store.GetTeamAsync("team-1", _ct));
        Assert.False((await Store.GetPersonalAsync("v-1", _ct))!.Active);
        Assert.Null(await Store.GetTeamAsync("team-missing", _ct));
        Assert.Single(await Store.ListTeamsAsync(_ct));

        await Store.SetActiveAsync("channel", "team-1", true, _ct);
        Assert.True((await Store.GetTeamAsync("team-1", _ct))!.Active);
    }

    [Fact]
    public async Task GetPersonalMany_SomeKnown_OnlyThoseAnyCaseOfTheKey()
    {
        foreach (var v in new[] { "v-1", "v-2", "v-3" })
        {
            await Store.SaveAsync(Personal(v), _ct);
        }

        await Store.SaveAsync(Channel("v-1"), _ct); // a team whose id looks like a user's is not a personal chat

        var found = await Store.GetPersonalManyAsync(new HashSet<string> { "v-1", "v-3", "v-9" }, _ct);

        Assert.Equal(["v-1", "v-3"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Personal("v-3"), found["V-3"]);
    }
}

public sealed class MemoryConversationReferenceStoreContractTests : ConversationReferenceStoreContractTests
{
    protected override Task<IConversationReferenceStore> CreateAsync() => Task.FromResult<IConversationReferenceStore>(new MemoryConversationReferenceStore());
}

public sealed class TableConversationReferenceStoreContractTests : ConversationReferenceStoreContractTests
{
    protected override async Task<IConversationReferenceStore> CreateAsync() => new ConversationReferenceTableStore(await TestStorage.CreateAccountAsync());
}

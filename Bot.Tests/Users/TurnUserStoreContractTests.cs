using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Users;

/// <summary>The ITurnUserStore contract (with the volunteer and settings stores it reads), on the in-memory fakes and on Azurite.</summary>
public abstract class TurnUserStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 3, 10, 2, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = CancellationToken.None;

    protected abstract Task<(ITurnUserStore Turns, IVolunteerStore Volunteers, IUserSettingsStore Settings)> CreateAsync();

    private ITurnUserStore _turns = null!;
    private IVolunteerStore _volunteers = null!;
    private IUserSettingsStore _settings = null!;

    public async Task InitializeAsync() => (_turns, _volunteers, _settings) = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task RegisterAsync(string aad) =>
        _volunteers.SaveAsync(new VolunteerProfile(aad, "王芳", "d1", true, null, null), At, DateOnly.FromDateTime(At.UtcDateTime), _ct);

    [Fact]
    public async Task Get_UnknownUser_NoProfileNoLanguage() =>
        Assert.Equal(new TurnUser(null, null), await _turns.GetAsync("nobody", _ct));

    [Fact]
    public async Task Get_LanguageChosenBeforeAndAfterRegistering_FollowsTheLatestChoice()
    {
        await _settings.SetLanguageAsync("u/1", Language.EnUs, _ct);
        Assert.Equal(new TurnUser(null, Language.EnUs), await _turns.GetAsync("u/1", _ct));

        await RegisterAsync("u/1");
        var registered = await _turns.GetAsync("u/1", _ct);
        Assert.Equal(("王芳", Language.EnUs), (registered.Volunteer!.Name, registered.Language));

        await _settings.SetLanguageAsync("u/1", Language.ZhCn, _ct);
        Assert.Equal(Language.ZhCn, (await _turns.GetAsync("u/1", _ct)).Language);
        Assert.Equal(Language.ZhCn, (await _turns.GetAsync("u/1", _ct)).Language);
    }

    [Fact]
    public async Task Get_RegisteredWithoutChoice_ProfileAndNoLanguage()
    {
        await RegisterAsync("u2");

        var user = await _turns.GetAsync("u2", _ct);

        Assert.Equal("d1", user.Volunteer!.DivisionId);
        Assert.Null(user.Language);
        Assert.Null((await _turns.GetAsync("u2", _ct)).Language); // the filled copy says "none" too
    }
}

public sealed class MemoryTurnUserStoreContractTests : TurnUserStoreContractTests
{
    protected override Task<(ITurnUserStore Turns, IVolunteerStore Volunteers, IUserSettingsStore Settings)> CreateAsync()
    {
        var volunteers = new MemoryVolunteerStore();
        var settings = new MemoryUserSettingsStore();
        return Task.FromResult<(ITurnUserStore, IVolunteerStore, IUserSettingsStore)>((new MemoryTurnUserStore(volunteers, settings), volunteers, settings));
    }
}

public sealed class TableTurnUserStoreContractTests : TurnUserStoreContractTests
{
    protected override async Task<(ITurnUserStore Turns, IVolunteerStore Volunteers, IUserSettingsStore Settings)> CreateAsync()
    {
        var account = await TestStorage.CreateAccountAsync();
        return (new TurnUserTableStore(account), new VolunteerTableStore(account), new UserSettingsTableStore(account));
    }
}

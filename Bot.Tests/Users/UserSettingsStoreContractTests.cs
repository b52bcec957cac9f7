using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Users;

/// <summary>The IUserSettingsStore contract, run against the in-memory fake and the Table Storage implementation on Azurite.</summary>
public abstract class UserSettingsStoreContractTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2025, 3, 10, 2, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = CancellationToken.None;
    private IUserSettingsStore _store = null!;

    protected abstract Task<IUserSettingsStore> CreateAsync();

    public async Task InitializeAsync() => _store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SetLanguage_ThenWelcome_KeepsBoth()
    {
        Assert.Null(await _store.GetAsync("u/1", _ct));

        await _store.SetLanguageAsync("u/1", Language.EnUs, _ct);
        Assert.True(await _store.TryMarkWelcomedAsync("u/1", At, _ct));
        await _store.SetLanguageAsync("u/1", Language.ZhCn, _ct);

        Assert.Equal(new UserSettings("u/1", Language.ZhCn, At), await _store.GetAsync("u/1", _ct));
    }

    [Fact]
    public async Task TryMarkWelcomed_ParallelInstallEvents_OnlyFirstWins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => _store.TryMarkWelcomedAsync("u2", At.AddMinutes(i), _ct)));

        Assert.Single(results, r => r);
        Assert.Null((await _store.GetAsync("u2", _ct))!.Language);
        Assert.False(await _store.TryMarkWelcomedAsync("u2", At.AddDays(1), _ct));
    }
}

public sealed class MemoryUserSettingsStoreContractTests : UserSettingsStoreContractTests
{
    protected override Task<IUserSettingsStore> CreateAsync() => Task.FromResult<IUserSettingsStore>(new MemoryUserSettingsStore());
}

public sealed class TableUserSettingsStoreContractTests : UserSettingsStoreContractTests
{
    protected override async Task<IUserSettingsStore> CreateAsync() => new UserSettingsTableStore(await TestStorage.CreateAccountAsync());
}

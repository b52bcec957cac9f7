using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory IUserSettingsStore (unit tests only); runs the same contract suite as UserSettingsTableStore.</summary>
public sealed class MemoryUserSettingsStore : IUserSettingsStore
{
    private readonly Dictionary<string, UserSettings> _items = new(StringComparer.Ordinal);

    public Task<UserSettings?> GetAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            return Task.FromResult(_items.GetValueOrDefault(aadObjectId));
        }
    }

    public Task SetLanguageAsync(string aadObjectId, Language language, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            _items[aadObjectId] = (_items.GetValueOrDefault(aadObjectId) ?? new UserSettings(aadObjectId, null, null)) with { Language = language };
            return Task.CompletedTask;
        }
    }

    public Task<bool> TryMarkWelcomedAsync(string aadObjectId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_items)
        {
            var current = _items.GetValueOrDefault(aadObjectId) ?? new UserSettings(aadObjectId, null, null);
            if (current.WelcomedAt is not null)
            {
                return Task.FromResult(false);
            }

            _items[aadObjectId] = current with { WelcomedAt = at };
            return Task.FromResult(true);
        }
    }
}

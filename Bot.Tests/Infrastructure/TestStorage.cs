using VolunteerBot.Storage;

namespace VolunteerBot.Tests.Infrastructure;

/// <summary>
/// Azurite for tests. scripts/test.sh starts it and exports VOLUNTEERBOT_TEST_STORAGE; a developer's own
/// Azurite on the default ports works too. Every fixture gets its own table prefix, so tests never share data.
/// </summary>
public static class TestStorage
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("VOLUNTEERBOT_TEST_STORAGE") is { Length: > 0 } cs ? cs : "UseDevelopmentStorage=true";

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>A storage account with a fresh prefix and every table, queue and container created.</summary>
    public static async Task<StorageAccount> CreateAccountAsync()
    {
        var account = new StorageAccount(ConnectionString, NewPrefix());
        await new StorageInitializer(account, Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageInitializer>.Instance)
            .StartAsync(CancellationToken.None);
        return account;
    }
}

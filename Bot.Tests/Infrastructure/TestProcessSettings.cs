using System.Runtime.CompilerServices;

namespace VolunteerBot.Tests.Infrastructure;

/// <summary>Settings for the whole test process, applied before any test host is built.</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// Each test host would otherwise watch appsettings*.json for changes, one inotify instance per host; with some
    /// hundreds of hosts in one run that reaches Linux's default limit of 128 instances per user, and later hosts fail
    /// to start (HTTP 500 from every request). Tests never edit configuration files, so nothing is lost.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() =>
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}

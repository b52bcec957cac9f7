using System.Runtime.CompilerServices;

namespace VolunteerBot.Tests.Channel;

internal static class IdentityModelSwitches
{
    /// <summary>
    /// The bot sets this switch before it creates its metadata manager (see OpenIdMetadata), but the tests mint
    /// tokens with IdentityModel before the bot starts, and IdentityModel caches its switches on first read;
    /// so the test process sets it before anything else, like the bot process does.
    /// </summary>
    [ModuleInitializer]
    internal static void BlockingMetadataRefresh() =>
        AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);
}

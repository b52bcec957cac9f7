using System.Runtime.CompilerServices;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Tests.Localization;

/// <summary>Every test runs with missing texts throwing: a misspelt or untranslated key fails the test that reaches it.</summary>
internal static class StrictTexts
{
#pragma warning disable CA2255 // The test assembly is the one place that must switch this on before any test runs.
    [ModuleInitializer]
    internal static void Init() => TextCatalog.Mode = MissingTextMode.Throw;
#pragma warning restore CA2255
}

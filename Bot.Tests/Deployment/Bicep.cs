using System.Text.Json;
using System.Text.RegularExpressions;

namespace VolunteerBot.Tests.Deployment;

/// <summary>
/// The bicep CLI from the NuGet package Azure.Bicep.CommandLine.linux-x64, referenced by Bot.Tests.csproj with
/// ExcludeAssets="all": restore puts it in the NuGet packages folder, and the restore's own record
/// (obj/project.assets.json) says where. Nothing is downloaded at test time.
/// </summary>
internal static partial class Bicep
{
    private const string PackageId = "Azure.Bicep.CommandLine.linux-x64";

    private static readonly Lazy<string> LazyPath = new(Locate);

    public static string ExecutablePath => LazyPath.Value;

    public static Task<ProcessResult> RunAsync(params string[] arguments) =>
        ProcessRunner.RunAsync(ExecutablePath, arguments, RepoPaths.Infra, new Dictionary<string, string?>
        {
            // keep the CLI offline and quiet: no telemetry, no version check
            ["BICEP_TELEMETRY_ENABLED"] = "false",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["COMMITTEE_AAD_OBJECT_IDS"] = null,
        });

    /// <summary>Every "Warning" or "Error" diagnostic line bicep printed, e.g. "main.bicep(3,7) : Warning no-unused-params: ...".</summary>
    public static IReadOnlyList<string> Diagnostics(ProcessResult result) =>
        [.. result.Combined.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => DiagnosticLine().IsMatch(l))];

    [GeneratedRegex(@"\)\s*:\s*(Warning|Error)\s", RegexOptions.IgnoreCase)]
    private static partial Regex DiagnosticLine();

    private static string Locate()
    {
        Assert.True(OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.X64,
            $"the infra tests use {PackageId}, which runs on linux-x64 only");
        var assets = Path.Combine(RepoPaths.Root, "Bot.Tests", "obj", "project.assets.json");
        Assert.True(File.Exists(assets), $"{assets} is missing: run `dotnet restore Bot.Tests` first.");
        using var document = JsonDocument.Parse(File.ReadAllText(assets));
        var root = document.RootElement;
        var library = root.GetProperty("libraries").EnumerateObject()
            .FirstOrDefault(l => l.Name.StartsWith(PackageId + "/", StringComparison.OrdinalIgnoreCase));
        Assert.True(library.Value.ValueKind == JsonValueKind.Object, $"Bot.Tests does not reference the NuGet package {PackageId}.");
        var relative = library.Value.GetProperty("path").GetString()!;

        foreach (var folder in root.GetProperty("packageFolders").EnumerateObject())
        {
            var candidate = Path.Combine(folder.Name, relative, "tools", "bicep");
            if (File.Exists(candidate) && !OperatingSystem.IsWindows())
            {
                var mode = File.GetUnixFileMode(candidate);
                if ((mode & UnixFileMode.UserExecute) == 0)
                {
                    File.SetUnixFileMode(candidate, mode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
                }

                return candidate;
            }
        }

        Assert.Fail($"{PackageId} ({relative}) is not in any NuGet packages folder: run `dotnet restore Bot.Tests`.");
        return "";
    }
}

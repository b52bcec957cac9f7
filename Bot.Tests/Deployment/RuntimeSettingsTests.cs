using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VolunteerBot.Tests.Deployment;

/// <summary>
/// The .NET runtime settings that keep the bot's resident memory down (docs/benchmarks.md, "Resident memory") reach
/// the deployed app, and the benchmarks measure the same settings the deployment uses.
/// </summary>
public sealed partial class RuntimeSettingsTests
{
    [Fact]
    public void Gen0Budget_WebAppAndBenchmarks_SameValue()
    {
        var bicep = File.ReadAllText(Path.Combine(RepoPaths.Infra, "modules", "web.bicep"));
        var script = File.ReadAllText(Path.Combine(RepoPaths.Root, "scripts", "lib", "common.sh"));

        var deployed = BicepGen0().Match(bicep);
        var benchmarked = ScriptGen0().Match(script);

        Assert.True(deployed.Success, "infra/modules/web.bicep sets no DOTNET_GCgen0size app setting");
        Assert.True(benchmarked.Success, "scripts/lib/common.sh sets no BOT_GC_GEN0_SIZE");
        Assert.Equal(deployed.Groups[1].Value, benchmarked.Groups[1].Value);
        Assert.Contains("DOTNET_GCgen0size=\"${DOTNET_GCgen0size:-$BOT_GC_GEN0_SIZE}\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void RuntimeConfig_BotTemplate_MemorySettings()
    {
        var template = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "Bot", "runtimeconfig.template.json")))!;
        var properties = template["configProperties"]!;

        // W^X (write-xor-execute code pages) stays on: 7 MB of resident memory is not worth a weaker defence in depth.
        Assert.Null(properties["System.Runtime.EnableWriteXorExecute"]);
        Assert.Equal(5, (int)properties["System.GC.ConserveMemory"]!);
        Assert.Equal(1024 * 1024, (int)properties["System.GC.LOHThreshold"]!);
    }

    [GeneratedRegex(@"DOTNET_GCgen0size:\s*'(0x[0-9A-Fa-f]+)'")]
    private static partial Regex BicepGen0();

    [GeneratedRegex(@"(?m)^BOT_GC_GEN0_SIZE=(0x[0-9A-Fa-f]+)$")]
    private static partial Regex ScriptGen0();
}

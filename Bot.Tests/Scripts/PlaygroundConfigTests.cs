using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VolunteerBot.Tests.Scripts;

/// <summary>
/// The committed mock tenant must be accepted by the pinned Agents Playground, which exits silently on a config
/// its schema rejects. These tests start the real Playground (node_modules, installed by scripts/test.sh) and
/// read back the config it loaded.
/// </summary>
public sealed partial class PlaygroundConfigTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public async Task CommittedConfig_PinnedPlayground_LoadsCommitteeMemberAsCurrentUser()
    {
        var config = await LoadThroughPlaygroundAsync(Path.Combine(Root, ".m365agentsplayground.yml"));

        var current = config["currentUser"]!;
        Assert.Equal("张书记", (string?)current["name"]);
        Assert.Equal(DevCommitteeId(), (string?)current["aadObjectId"]);
        var users = config["users"]!.AsArray();
        Assert.Equal(5, users.Count);
        var names = users.Select(u => (string?)u!["name"]).ToList();
        Assert.Contains("李强", names);
        Assert.Contains("王芳", names);
        var ids = users.Select(u => (string?)u!["aadObjectId"]).Append((string?)current["aadObjectId"]).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public async Task SwitchedConfig_AsLiaison_PlaygroundLoadsLiaisonAndKeepsCommitteeMemberAmongUsers()
    {
        var output = Path.Combine(Path.GetTempPath(), $"playground-as-{Guid.NewGuid():N}.yml");
        try
        {
            var stdout = await RunNodeAsync(
                Path.Combine(Root, "scripts", "lib", "playground-as.mjs"), Path.Combine(Root, ".m365agentsplayground.yml"), "李强", output);
            Assert.Equal("李强", stdout.Trim());

            var config = await LoadThroughPlaygroundAsync(output);

            Assert.Equal("李强", (string?)config["currentUser"]!["name"]);
            var users = config["users"]!.AsArray();
            Assert.Equal(5, users.Count);
            Assert.Contains(users, u => (string?)u!["aadObjectId"] == DevCommitteeId());
            Assert.Equal("personal-chat-user-li-qiang", (string?)config["personalChat"]!["id"]);
        }
        finally
        {
            File.Delete(output);
        }
    }

    /// <summary>Starts the Playground with <paramref name="configPath"/> and returns the config it serves.</summary>
    private static async Task<JsonNode> LoadThroughPlaygroundAsync(string configPath)
    {
        var cli = Path.Combine(Root, "node_modules", "@microsoft", "m365agentsplayground", "cli.js");
        Assert.True(File.Exists(cli), $"{cli} is missing: run scripts/test.sh, or `npm ci` in the repository root.");
        var port = FreePort();
        var workDir = Directory.CreateTempSubdirectory("playground-test-");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workDir.FullName,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { cli, "-e", "http://127.0.0.1:9/api/messages", "-c", "msteams", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--disable-telemetry" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        start.Environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = configPath;

        using var process = Process.Start(start)!;
        try
        {
            var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.Contains($"Listening on {port}", StringComparison.Ordinal) == true)
                {
                    listening.TrySetResult();
                }
            };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var exited = process.WaitForExitAsync();
            var first = await Task.WhenAny(listening.Task, exited).WaitAsync(TimeSpan.FromSeconds(60));
            Assert.True(first == listening.Task, $"The Playground exited before listening (exit code {(process.HasExited ? process.ExitCode : -1)}).");

            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
            string body;
            try
            {
                body = await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/_internal/v1/testConfig"));
            }
            catch (HttpRequestException e)
            {
                await exited.WaitAsync(TimeSpan.FromSeconds(10));
                throw new Xunit.Sdk.XunitException(
                    $"The Playground rejected {configPath} and exited with code {process.ExitCode} ({e.Message}). " +
                    "It needs exactly 5 users besides currentUser, each with id, name, userPrincipleName, aadObjectId, givenName, surname, email.");
            }

            return JsonNode.Parse(body)!["config"]!;
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            workDir.Delete(recursive: true);
        }
    }

    private static async Task<string> RunNodeAsync(params string[] args)
    {
        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.ExitCode == 0, $"node exited with {process.ExitCode}: {await stderr}");
        return await stdout;
    }

    /// <summary>
    /// The committee id scripts/dev.sh and the walk hand the bot (from scripts/lib/common.sh); it must be the current
    /// user of the committed config.
    /// </summary>
    private static string DevCommitteeId()
    {
        var match = CommitteeIdLine().Match(File.ReadAllText(Path.Combine(Root, "scripts", "lib", "common.sh")));
        Assert.True(match.Success, "scripts/lib/common.sh no longer sets DEV_COMMITTEE_ID.");
        return match.Groups[1].Value;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VolunteerBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("VolunteerBot.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^DEV_COMMITTEE_ID=([0-9a-fA-F-]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex CommitteeIdLine();
}

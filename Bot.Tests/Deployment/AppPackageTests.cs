using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VolunteerBot.Tests.Deployment;

/// <summary>Runs scripts/package-app.sh once, as an operator would, and keeps the zip for the tests.</summary>
public sealed class AppPackageFixture : IAsyncLifetime
{
    public const string AppId = "0b7c1f3e-6a52-4d1e-9f0a-3c2b8e4d5a61";
    public const string BotId = "5e2d9a47-1c3b-4f8e-a6d0-7b9c2e1f4a38";
    public const string Domain = "volunteerbot-test.chinacloudsites.cn";
    public const string Version = "1.4.2";

    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("volunteerbot-package-");

    public string ZipPath => Path.Combine(_output.FullName, "appPackage.zip");

    internal ProcessResult Result { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync()
    {
        RepoPaths.TeamsSchemas("1.22"); // fails with "run npm ci" when node_modules is missing
        Result = await ProcessRunner.RunAsync("bash",
            [Path.Combine(RepoPaths.Root, "scripts", "package-app.sh"), "--app-id", AppId, "--bot-id", BotId, "--version", Version, "--out", ZipPath],
            RepoPaths.Root,
            new Dictionary<string, string?> { ["BOT_DOMAIN"] = "https://" + Domain + "/", ["APP_ID"] = null, ["BOT_ID"] = null });
    }

    public Task DisposeAsync()
    {
        _output.Delete(recursive: true);
        return Task.CompletedTask;
    }

    public byte[] Entry(string name)
    {
        Assert.True(Result.ExitCode == 0, "package-app.sh failed: " + Result.Combined);
        using var zip = ZipFile.OpenRead(ZipPath);
        var entry = zip.GetEntry(name) ?? throw new Xunit.Sdk.XunitException($"appPackage.zip has no top-level {name}");
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public JsonElement Json(string name) => JsonDocument.Parse(Entry(name)).RootElement.Clone();
}

public sealed class AppPackageTests(AppPackageFixture package) : IClassFixture<AppPackageFixture>
{
    [Fact]
    public void PackageApp_ValidParameters_ZipHoldsExactlyTheTopLevelFiles()
    {
        Assert.True(package.Result.ExitCode == 0, package.Result.Combined);
        using var zip = ZipFile.OpenRead(package.ZipPath);

        Assert.Equal(["color.png", "en-us.json", "manifest.json", "outline.png"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void PackageApp_ValidParameters_ManifestMatchesBundledSchema()
    {
        var manifest = package.Json("manifest.json");
        var version = manifest.GetProperty("manifestVersion").GetString()!;

        var errors = TeamsSchema.Validate(TeamsSchema.Load(version, "MicrosoftTeams.schema.json"), manifest);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        Assert.True(Version.Parse(version) >= new Version(1, 19), $"manifest version {version} is older than 1.19");
    }

    [Fact]
    public void PackageApp_ValidParameters_LocalisationMatchesBundledSchema()
    {
        var manifest = package.Json("manifest.json");
        var schema = TeamsSchema.Load(manifest.GetProperty("manifestVersion").GetString()!, "MicrosoftTeams.Localization.schema.json");

        var errors = TeamsSchema.Validate(schema, package.Json("en-us.json"));

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void PackageApp_ValidParameters_FillsIdsDomainAndVersion()
    {
        var manifest = package.Json("manifest.json");
        var text = manifest.GetRawText();

        Assert.Equal(AppPackageFixture.AppId, manifest.GetProperty("id").GetString());
        Assert.Equal(AppPackageFixture.BotId, manifest.GetProperty("bots")[0].GetProperty("botId").GetString());
        Assert.Equal(AppPackageFixture.Version, manifest.GetProperty("version").GetString());
        Assert.Equal([AppPackageFixture.Domain], manifest.GetProperty("validDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal($"https://{AppPackageFixture.Domain}/", manifest.GetProperty("developer").GetProperty("websiteUrl").GetString());
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PackageApp_ValidParameters_IconsAreTheCommittedFiles()
    {
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Manifest, "color.png")), package.Entry("color.png"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(RepoPaths.Manifest, "outline.png")), package.Entry("outline.png"));
    }

    [Fact]
    public void Manifest_Scopes_PersonalTeamAndGroupChatEachHaveACommandList()
    {
        var bot = package.Json("manifest.json").GetProperty("bots")[0];
        var lists = bot.GetProperty("commandLists").EnumerateArray().ToList();

        Assert.Equal(["groupChat", "personal", "team"], bot.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).Order(StringComparer.Ordinal));
        foreach (var scope in new[] { "personal", "team", "groupChat" })
        {
            var list = Assert.Single(lists, l => l.GetProperty("scopes").EnumerateArray().Any(s => s.GetString() == scope));
            Assert.InRange(list.GetProperty("commands").GetArrayLength(), 5, 10);
        }
    }

    [Fact]
    public void Manifest_Commands_ChineseTitlesWithEnglishLocalisationForEach()
    {
        var manifest = package.Json("manifest.json");
        var english = package.Json("en-us.json");
        Assert.Equal("zh-cn", manifest.GetProperty("localizationInfo").GetProperty("defaultLanguageTag").GetString());
        Assert.Equal("学雷锋志愿服务", manifest.GetProperty("name").GetProperty("short").GetString());
        Assert.Equal("Volunteer Service", english.GetProperty("name.short").GetString());

        var lists = manifest.GetProperty("bots")[0].GetProperty("commandLists");
        for (var l = 0; l < lists.GetArrayLength(); l++)
        {
            var commands = lists[l].GetProperty("commands");
            for (var c = 0; c < commands.GetArrayLength(); c++)
            {
                var key = $"bots[0].commandLists[{l}].commands[{c}]";
                Assert.True(english.TryGetProperty(key + ".title", out var title) && !string.IsNullOrWhiteSpace(title.GetString()), $"en-us.json lacks {key}.title");
                Assert.True(english.TryGetProperty(key + ".description", out var description) && !string.IsNullOrWhiteSpace(description.GetString()), $"en-us.json lacks {key}.description");
                var chinese = commands[c].GetProperty("title").GetString()!;
                Assert.True(chinese == "English" || chinese.Any(ch => ch >= '\u4e00' && ch <= '\u9fff'), $"{key}.title '{chinese}' should be Chinese in the default (zh-cn) manifest");
            }
        }

        var extra = english.EnumerateObject().Select(p => p.Name).Where(n => n.StartsWith("bots[0].commandLists[", StringComparison.Ordinal))
            .Where(n => !HasCommand(lists, n));
        Assert.Empty(extra);
    }

    [Fact]
    public void Schema_ElevenCommandsInAList_IsRejected()
    {
        var manifest = JsonNode.Parse(package.Entry("manifest.json"))!;
        var commands = manifest["bots"]![0]!["commandLists"]![0]!["commands"]!.AsArray();
        while (commands.Count < 11)
        {
            commands.Add(new JsonObject { ["title"] = "多余" + commands.Count, ["description"] = "多余的命令" });
        }

        var errors = TeamsSchema.Validate(TeamsSchema.Load(manifest["manifestVersion"]!.GetValue<string>(), "MicrosoftTeams.schema.json"),
            JsonDocument.Parse(manifest.ToJsonString()).RootElement);

        Assert.Contains(errors, e => e.Contains("/commands", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_BadBotIdAndUnknownProperty_AreRejected()
    {
        var manifest = JsonNode.Parse(package.Entry("manifest.json"))!.AsObject();
        manifest["bots"]![0]!["botId"] = "{{BOT_ID}}";
        manifest["unknownProperty"] = true;

        var errors = TeamsSchema.Validate(TeamsSchema.Load(manifest["manifestVersion"]!.GetValue<string>(), "MicrosoftTeams.schema.json"),
            JsonDocument.Parse(manifest.ToJsonString()).RootElement);

        Assert.Contains(errors, e => e.StartsWith("/bots/0/botId", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("additionalProperties", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--bot-id", "not-a-guid")]
    [InlineData("--domain", "https://")]
    [InlineData("--version", "1.0")]
    public async Task PackageApp_InvalidParameter_FailsWithoutWritingZip(string option, string value)
    {
        var output = Path.Combine(Path.GetTempPath(), "volunteerbot-bad-" + Guid.NewGuid().ToString("N") + ".zip");
        var arguments = new Dictionary<string, string>
        {
            ["--app-id"] = AppPackageFixture.AppId,
            ["--bot-id"] = AppPackageFixture.BotId,
            ["--domain"] = AppPackageFixture.Domain,
            ["--out"] = output,
        };
        arguments[option] = value;

        var result = await ProcessRunner.RunAsync("bash",
            [Path.Combine(RepoPaths.Root, "scripts", "package-app.sh"), .. arguments.SelectMany(a => new[] { a.Key, a.Value })], RepoPaths.Root);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("package-app:", result.StandardError, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private static bool HasCommand(JsonElement lists, string key)
    {
        var match = System.Text.RegularExpressions.Regex.Match(key, @"^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$");
        if (!match.Success)
        {
            return false;
        }

        var (l, c) = (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        return l < lists.GetArrayLength() && c < lists[l].GetProperty("commands").GetArrayLength();
    }
}

using System.Text.Json;
using VolunteerBot.Tests.Deployment;

namespace VolunteerBot.Tests.Dashboard;

/// <summary>The 数据看板 tabs and SSO in the packaged manifest (the package itself is validated by AppPackageTests).</summary>
public sealed class DashboardManifestTests(AppPackageFixture package) : IClassFixture<AppPackageFixture>
{
    [Fact]
    public void Manifest_StaticTab_PersonalDashboardOnTheBotsDomain()
    {
        var manifest = package.Json("manifest.json");

        var tab = Assert.Single(manifest.GetProperty("staticTabs").EnumerateArray());
        Assert.Equal("dashboard", tab.GetProperty("entityId").GetString());
        Assert.Equal("数据看板", tab.GetProperty("name").GetString());
        Assert.Equal($"https://{AppPackageFixture.Domain}/tab/", tab.GetProperty("contentUrl").GetString());
        Assert.Equal(["personal"], tab.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("Dashboard", package.Json("en-us.json").GetProperty("staticTabs[0].name").GetString());
    }

    [Fact]
    public void Manifest_ConfigurableTab_ConfigurationPageOnTheBotsDomain()
    {
        var tab = Assert.Single(package.Json("manifest.json").GetProperty("configurableTabs").EnumerateArray());

        Assert.Equal($"https://{AppPackageFixture.Domain}/tab/config.html", tab.GetProperty("configurationUrl").GetString());
        Assert.Contains("team", tab.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public void Manifest_WebApplicationInfo_ApplicationIdUriOfTheSsoApp()
    {
        var info = package.Json("manifest.json").GetProperty("webApplicationInfo");

        Assert.Equal(AppPackageFixture.BotId, info.GetProperty("id").GetString());
        Assert.Equal($"api://{AppPackageFixture.Domain}/{AppPackageFixture.BotId}", info.GetProperty("resource").GetString());
    }

    [Fact]
    public void TabPages_ReferenceOnlyOwnHost_NoCdn()
    {
        var tab = Path.Combine(RepoPaths.Root, "Bot", "wwwroot", "tab");
        foreach (var page in new[] { "index.html", "config.html" })
        {
            var html = File.ReadAllText(Path.Combine(tab, page));
            Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.True(new FileInfo(Path.Combine(tab, "dashboard.js")).Length > 100_000, "the bundle (ECharts + teams-js) is missing: run scripts/build-dashboard.sh");
        Assert.True(File.Exists(Path.Combine(tab, "config.js")));
    }
}

/// <summary>The tab's text catalogues (Bot/Web/client/i18n) are twins: same keys, same placeholders, no empty text.</summary>
public sealed class DashboardCatalogueTests
{
    private static Dictionary<string, string> Load(string lang) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepoPaths.Root, "Bot", "Web", "client", "i18n", lang + ".json")))!;

    [Fact]
    public void Catalogues_ZhAndEn_SameKeysAndPlaceholders()
    {
        var zh = Load("zh-CN");
        var en = Load("en-US");

        Assert.Equal(zh.Keys.Order(StringComparer.Ordinal), en.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, text) in zh)
        {
            Assert.False(string.IsNullOrWhiteSpace(text), key);
            Assert.False(string.IsNullOrWhiteSpace(en[key]), key);
            Assert.Equal(Placeholders(text), Placeholders(en[key]));
        }
    }

    [Fact]
    public void Catalogues_EveryProjectStatus_HasALabel()
    {
        var zh = Load("zh-CN");

        foreach (var status in Enum.GetNames<VolunteerBot.Dialogs.Domain.Projects.ProjectStatus>())
        {
            Assert.True(zh.ContainsKey("status." + status), status);
        }
    }

    private static string[] Placeholders(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, @"\{(\w+)\}").Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)];
}

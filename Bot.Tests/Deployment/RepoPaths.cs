namespace VolunteerBot.Tests.Deployment;

/// <summary>Paths of the repository the tests run from, found by walking up from the test assembly.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VolunteerBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No VolunteerBot.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    });

    public static string Root => LazyRoot.Value;

    public static string Manifest => Path.Combine(Root, "manifest");

    public static string Infra => Path.Combine(Root, "infra");

    /// <summary>The bundled Teams schemas of the npm package @microsoft/app-manifest; fails clearly when npm ci has not run.</summary>
    public static string TeamsSchemas(string manifestVersion)
    {
        var package = Path.Combine(Root, "node_modules", "@microsoft", "app-manifest");
        Assert.True(Directory.Exists(package),
            $"{package} is missing: run `npm ci` in {Root} first (scripts/test.sh does this) so the Teams manifest schemas are available offline.");
        var dir = Path.Combine(package, "build", "json-schemas", "teams", "v" + manifestVersion);
        Assert.True(Directory.Exists(dir), $"@microsoft/app-manifest bundles no schema for manifest version {manifestVersion} ({dir}).");
        return dir;
    }
}

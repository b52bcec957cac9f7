using System.Diagnostics;

namespace VolunteerBot.Tests.Findway;

/// <summary>
/// scripts/dev.sh offers --demo on a first run: <c>storage_is_empty</c> (scripts/lib/common.sh) reads Azurite's table
/// database the way dev.sh does, and dev.sh asks only in a terminal.
/// </summary>
public sealed class DevScriptTests : IDisposable
{
    private static readonly string Root = FindRoot();
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("fw19-azurite-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VolunteerBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir!.FullName;
    }

    private async Task<int> StorageIsEmptyAsync()
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        start.Environment["ROOT"] = Root;
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(". scripts/lib/common.sh && storage_is_empty \"$1\"");
        start.ArgumentList.Add("bash");
        start.ArgumentList.Add(_dir.FullName);
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return process.ExitCode;
    }

    private void Database(int divisionRows, string table = "devstoreaccount1$Divisions")
    {
        var rows = string.Join(",", Enumerable.Range(0, divisionRows).Select(i => $"{{\"PartitionKey\":\"d\",\"RowKey\":\"{i}\"}}"));
        File.WriteAllText(Path.Combine(_dir.FullName, "__azurite_db_table__.json"),
            $$"""{"collections":[{"name":"$TABLES_COLLECTION$","data":[{}]},{"name":"devstoreaccount1$Volunteers","data":[]},{"name":"{{table}}","data":[{{rows}}]}]}""");
    }

    [Fact]
    public async Task StorageIsEmpty_NoDatabaseYet_IsEmpty() => Assert.Equal(0, await StorageIsEmptyAsync());

    [Fact]
    public async Task StorageIsEmpty_TablesButNoDivision_IsEmpty()
    {
        Database(0);
        Assert.Equal(0, await StorageIsEmptyAsync());
    }

    [Fact]
    public async Task StorageIsEmpty_DivisionsStored_IsNotEmpty()
    {
        Database(5);
        Assert.Equal(1, await StorageIsEmptyAsync());
    }

    [Fact]
    public async Task StorageIsEmpty_OnlyATestRunsPrefixedTables_IsEmpty()
    {
        Database(5, "devstoreaccount1$t8faac3aed5Divisions");
        Assert.Equal(0, await StorageIsEmptyAsync());
    }

    [Fact]
    public void DevScript_EmptyStorage_AsksOnlyInATerminalAndOtherwiseSuggests()
    {
        var script = File.ReadAllText(Path.Combine(Root, "scripts", "dev.sh"));
        var offer = script[script.IndexOf("storage_is_empty \"$ROOT/.azurite\"", StringComparison.Ordinal)..];
        offer = offer[..offer.IndexOf("\nfi\n", StringComparison.Ordinal)];

        // The prompt sits behind the terminal test and has a timeout; the other branch only prints.
        Assert.Matches(@"if \[ -t 0 \] && \[ -t 1 \]; then\s+answer=""""\s+read -r -t \d+ ", offer);
        var otherwise = offer[offer.IndexOf("else", StringComparison.Ordinal)..];
        Assert.DoesNotContain("read ", otherwise, StringComparison.Ordinal);
        Assert.Contains("scripts/dev.sh --demo", otherwise, StringComparison.Ordinal);
    }
}

using System.Text.RegularExpressions;
using VolunteerBot.Tests.Deployment;

namespace VolunteerBot.Tests.Architecture;

/// <summary>
/// Every table query filter is built by TableClient.CreateQueryFilter (or an expression), which quotes and escapes each
/// value; a filter glued from strings ("PartitionKey eq '" + id + "'") breaks on a quote in a key and invites injection.
/// </summary>
public sealed partial class QueryFilterTests
{
    [Fact]
    public void Storage_EveryFilter_BuiltByCreateQueryFilter()
    {
        var storage = Path.Combine(RepoPaths.Root, "Bot", "Storage");
        var offenders =
            from file in Directory.EnumerateFiles(storage, "*.cs", SearchOption.AllDirectories)
            from line in File.ReadLines(file).Select((text, i) => (text, number: i + 1))
            where StringFilter().IsMatch(line.text) && !line.text.Contains("CreateQueryFilter", StringComparison.Ordinal)
                && !line.text.TrimStart().StartsWith("//", StringComparison.Ordinal)
            select $"{Path.GetRelativePath(RepoPaths.Root, file)}:{line.number}: {line.text.Trim()}";

        Assert.Empty(offenders);
    }

    // A string literal holding "<Property> <op> " followed by a quote, an interpolation hole or the literal's end.
    [GeneratedRegex("\"[^\"]*\\b\\w+ (eq|ne|gt|ge|lt|le) ('|\\{|\")")]
    private static partial Regex StringFilter();
}

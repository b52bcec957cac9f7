using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VolunteerBot.Channel.Schema;

namespace VolunteerBot.Tests.Channel;

/// <summary>Every recorded Playground activity parses, and a round trip keeps every field (known or not).</summary>
public sealed class PlaygroundSamplesTests
{
    public static TheoryData<string> SampleFiles() => new(SampleFileList());

    private static List<string> SampleFileList()
    {
        var root = SamplesDirectory();
        return [.. Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".headers.json", StringComparison.OrdinalIgnoreCase))
            .Select(f => Path.GetRelativePath(root, f))
            .Order(StringComparer.Ordinal)];
    }

    [Fact]
    public void SamplesDirectory_HasActivitiesOfEveryKindTheBotHandles()
    {
        var types = SampleFileList().Select(f => Path.GetFileName(f).Split('-')[0]).ToHashSet();

        Assert.Superset(new HashSet<string> { "message", "invoke", "installationUpdate", "conversationUpdate", "messageReaction" }, types);
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Deserialize_RecordedActivity_RoundTripKeepsEveryField(string relativePath)
    {
        var json = File.ReadAllText(Path.Combine(SamplesDirectory(), relativePath));

        var activity = JsonSerializer.Deserialize(json, ChannelJsonContext.Default.Activity);

        Assert.NotNull(activity);
        Assert.False(string.IsNullOrEmpty(activity.Type));
        Assert.False(string.IsNullOrEmpty(activity.ServiceUrl));
        Assert.NotNull(activity.Conversation?.Id);
        var original = JsonNode.Parse(json);
        var roundTripped = JsonNode.Parse(JsonSerializer.Serialize(activity, ChannelJsonContext.Default.Activity));
        var difference = FirstDifference(original, roundTripped, "$");
        Assert.True(difference is null, $"{relativePath}: {difference}");
    }

    /// <summary>
    /// Walks up from the test binaries to the folder that holds <c>shared/samples/playground-activities</c>
    /// (the repo clone sits next to <c>shared/</c>, locally and in CI).
    /// </summary>
    internal static string SamplesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "samples", "playground-activities");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"shared/samples/playground-activities was not found in any folder above {AppContext.BaseDirectory}. " +
            "The repository must be cloned next to the shared/ folder (…/<clone> and …/shared side by side).");
    }

    /// <summary>
    /// Semantic JSON comparison: property order is ignored; timestamps compare as instants with the same offset
    /// (the wire may write "Z" where the sample has "+00:00"); an explicit null compares equal to an absent field.
    /// </summary>
    private static string? FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case null:
                return actual is null ? null : $"{path}: expected null, got {actual.ToJsonString()}";
            case JsonObject eo:
                if (actual is not JsonObject ao)
                {
                    return $"{path}: expected an object";
                }

                foreach (var (key, value) in eo)
                {
                    if (!ao.TryGetPropertyValue(key, out var other) && value is not null)
                    {
                        return $"{path}.{key}: missing after the round trip";
                    }

                    if (FirstDifference(value, other, $"{path}.{key}") is { } d)
                    {
                        return d;
                    }
                }

                foreach (var (key, value) in ao)
                {
                    if (!eo.ContainsKey(key) && value is not null)
                    {
                        return $"{path}.{key}: added by the round trip";
                    }
                }

                return null;
            case JsonArray ea:
                if (actual is not JsonArray aa || aa.Count != ea.Count)
                {
                    return $"{path}: array differs";
                }

                for (var i = 0; i < ea.Count; i++)
                {
                    if (FirstDifference(ea[i], aa[i], $"{path}[{i}]") is { } d)
                    {
                        return d;
                    }
                }

                return null;
            default:
                if (JsonNode.DeepEquals(expected, actual))
                {
                    return null;
                }

                if (expected is JsonValue ev && actual is JsonValue av
                    && ev.TryGetValue<string>(out var es) && av.TryGetValue<string>(out var @as)
                    && DateTimeOffset.TryParse(es, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var ed)
                    && DateTimeOffset.TryParse(@as, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var ad)
                    && ed == ad && ed.Offset == ad.Offset)
                {
                    return null;
                }

                return $"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString()}";
        }
    }
}

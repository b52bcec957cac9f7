using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace VolunteerBot.Tests.Deployment;

/// <summary>
/// Validates Teams manifests and localisation files offline against the schemas bundled in the npm package
/// @microsoft/app-manifest, with JsonSchema.Net. The bundled schemas declare draft-04, which JsonSchema.Net does not
/// ship; they are evaluated with the draft-06 keywords under the draft-04 id. That is exact for these files because
/// they use none of the keywords whose meaning changed after draft-04 (boolean exclusiveMinimum/exclusiveMaximum,
/// "id"): <see cref="Load"/> checks that, so a future schema that uses them fails loudly instead of validating wrongly.
/// </summary>
internal static class TeamsSchema
{
    private static readonly Uri Draft04 = new("http://json-schema.org/draft-04/schema#");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<JsonSchema>> Cache = new();

    /// <summary>Builds each schema once per test run: JsonSchema.Net keeps built schemas in a registry keyed by their URI.</summary>
    public static JsonSchema Load(string manifestVersion, string fileName) =>
        Cache.GetOrAdd($"v{manifestVersion}/{fileName}", _ => new Lazy<JsonSchema>(() => Build(manifestVersion, fileName))).Value;

    private static JsonSchema Build(string manifestVersion, string fileName)
    {
        var path = Path.Combine(RepoPaths.TeamsSchemas(manifestVersion), fileName);
        var text = File.ReadAllText(path);
        var node = JsonNode.Parse(text)!;
        AssertNoDraft04OnlyKeywords(node, path, "#");

        var options = new BuildOptions();
        options.DialectRegistry.Register(Dialect.Draft06.With([], Draft04));

        return JsonSchema.FromText(text, options, new Uri($"https://volunteerbot.local/teams/v{manifestVersion}/{fileName}"));
    }

    /// <summary>Evaluates and returns one line per failed keyword (empty when valid).</summary>
    public static IReadOnlyList<string> Validate(JsonSchema schema, JsonElement document)
    {
        var results = schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        if (results.IsValid)
        {
            return [];
        }

        return [.. (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))];
    }

    private static void AssertNoDraft04OnlyKeywords(JsonNode? node, string path, string pointer)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var isSchemaKeyword = !pointer.EndsWith("/properties", StringComparison.Ordinal)
                        && !pointer.EndsWith("/definitions", StringComparison.Ordinal)
                        && !pointer.EndsWith("/patternProperties", StringComparison.Ordinal);
                    if (isSchemaKeyword)
                    {
                        Assert.False(key is "exclusiveMinimum" or "exclusiveMaximum" && value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
                            $"{path} {pointer}/{key} uses the draft-04 boolean form; evaluate it with a draft-04 validator");
                        Assert.False(key == "id" && value is JsonValue,
                            $"{path} {pointer}/id is a draft-04 schema id; evaluate it with a draft-04 validator");
                    }

                    AssertNoDraft04OnlyKeywords(value, path, pointer + "/" + key);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    AssertNoDraft04OnlyKeywords(array[i], path, pointer + "/" + i);
                }

                break;
        }
    }
}

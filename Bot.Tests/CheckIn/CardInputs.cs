using System.Text.Json.Nodes;

namespace VolunteerBot.Tests.CheckIn;

/// <summary>What Teams sends for an Action.Execute of a card left as shown: the action's data and every input's value.</summary>
internal static class CardInputs
{
    public static Dictionary<string, string> Submit(JsonObject card, string verb)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(card, node =>
        {
            if (node["type"]?.GetValue<string>() is { } type && type.StartsWith("Input.", StringComparison.Ordinal) && node["id"]?.GetValue<string>() is { } id)
            {
                values[id] = node["value"]?.ToString() ?? (type == "Input.Toggle" ? "false" : "");
            }
        });
        JsonObject? action = null;
        Walk(card, node =>
        {
            if (action is null && node["type"]?.GetValue<string>() == "Action.Execute" && node["verb"]?.GetValue<string>() == verb)
            {
                action = node;
            }
        });
        foreach (var (key, value) in (action ?? throw new InvalidOperationException($"No action {verb} on the card."))["data"]!.AsObject())
        {
            values[key] = value!.ToString();
        }

        return values;
    }

    private static void Walk(JsonNode? node, Action<JsonObject> visit)
    {
        switch (node)
        {
            case JsonObject o:
                visit(o);
                foreach (var (_, child) in o)
                {
                    Walk(child, visit);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Walk(child, visit);
                }

                break;
        }
    }
}

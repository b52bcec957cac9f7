using System.Text.Json.Nodes;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>Card actions. Action.Execute (Universal Actions) is the default: Teams replaces the card in place.</summary>
public static class Act
{
    public static JsonObject Execute(string title, string verb, JsonObject? data = null, string? style = null, bool validate = true)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = title,
            ["verb"] = verb,
            // One data object is often shared by a card's buttons (confirm / reject); a JSON node can have only
            // one parent, so a second action gets its own copy instead of failing the whole turn.
            ["data"] = data is null ? new JsonObject() : data.Parent is null ? data : data.DeepClone(),
        };
        if (style is not null)
        {
            action["style"] = style;
        }

        if (!validate)
        {
            action["associatedInputs"] = "none";
        }

        return action;
    }

    /// <summary>Data for an action: <c>Act.Data(("projectId", id))</c>.</summary>
    public static JsonObject Data(params (string Key, string? Value)[] pairs)
    {
        var data = new JsonObject();
        foreach (var (key, value) in pairs)
        {
            if (value is not null)
            {
                data[key] = value;
            }
        }

        return data;
    }

    public static JsonObject OpenUrl(string title, string url) => new()
    {
        ["type"] = "Action.OpenUrl", ["title"] = title, ["url"] = url,
    };

    public static JsonObject ShowCard(string title, AdaptiveCard card) => new()
    {
        ["type"] = "Action.ShowCard", ["title"] = title, ["card"] = card.ToJson(),
    };
}

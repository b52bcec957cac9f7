using System.Text.Json.Nodes;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>Adaptive Card body elements. Inputs take an optional server-side error shown under the field.</summary>
public static class El
{
    public static JsonObject Title(string text) => new()
    {
        ["type"] = "TextBlock", ["text"] = Markdown.Neutralize(text), ["weight"] = "Bolder", ["size"] = "Medium", ["wrap"] = true,
    };

    public static JsonObject Text(string text, bool subtle = false, string? color = null, bool bold = false, string? size = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = Markdown.Neutralize(text), ["wrap"] = true };
        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        if (bold)
        {
            block["weight"] = "Bolder";
        }

        if (size is not null)
        {
            block["size"] = size;
        }

        return block;
    }

    /// <summary>A red line under a field, naming what is wrong and what to do.</summary>
    public static JsonObject? Error(string? message) =>
        message is null ? null : Text(message, color: "Attention", size: "Small");

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts)
    {
        var list = new JsonArray();
        foreach (var (title, value) in facts)
        {
            list.Add(new JsonObject { ["title"] = Markdown.Neutralize(title), ["value"] = Markdown.Neutralize(value) });
        }

        return new JsonObject { ["type"] = "FactSet", ["facts"] = list };
    }

    public static JsonObject Container(IEnumerable<JsonObject?> items, string? style = null, bool separator = false)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            if (item is not null)
            {
                array.Add(item);
            }
        }

        var container = new JsonObject { ["type"] = "Container", ["items"] = array };
        if (style is not null)
        {
            container["style"] = style;
        }

        if (separator)
        {
            container["separator"] = true;
        }

        return container;
    }

    public static JsonObject Columns(params JsonObject[] columns)
    {
        var array = new JsonArray();
        foreach (var c in columns)
        {
            array.Add(c);
        }

        return new JsonObject { ["type"] = "ColumnSet", ["columns"] = array };
    }

    public static JsonObject Column(string width, params JsonObject[] items)
    {
        var array = new JsonArray();
        foreach (var i in items)
        {
            array.Add(i);
        }

        return new JsonObject { ["type"] = "Column", ["width"] = width, ["items"] = array };
    }

    public static JsonObject Image(string url, string altText, string size = "Auto") => new()
    {
        ["type"] = "Image", ["url"] = url, ["altText"] = altText, ["size"] = size,
    };

    public static JsonObject Actions(params JsonObject[] actions)
    {
        var array = new JsonArray();
        foreach (var a in actions)
        {
            array.Add(a);
        }

        return new JsonObject { ["type"] = "ActionSet", ["actions"] = array };
    }

    public static JsonObject TextInput(string id, string label, string? value = null, string? placeholder = null,
        bool required = false, int? maxLength = null, bool multiline = false, string? error = null) =>
        Input(new JsonObject { ["type"] = "Input.Text", ["isMultiline"] = multiline }, id, label, value, placeholder, required, error,
            maxLength is null ? null : o => o["maxLength"] = maxLength.Value);

    public static JsonObject NumberInput(string id, string label, string? value = null, decimal? min = null, decimal? max = null,
        bool required = false, string? error = null) =>
        Input(new JsonObject { ["type"] = "Input.Number" }, id, label, value, null, required, error, o =>
        {
            if (min is not null)
            {
                o["min"] = min.Value;
            }

            if (max is not null)
            {
                o["max"] = max.Value;
            }
        });

    public static JsonObject DateInput(string id, string label, string? value = null, bool required = false, string? error = null) =>
        Input(new JsonObject { ["type"] = "Input.Date" }, id, label, value, null, required, error);

    public static JsonObject TimeInput(string id, string label, string? value = null, bool required = false, string? error = null) =>
        Input(new JsonObject { ["type"] = "Input.Time" }, id, label, value, null, required, error);

    public static JsonObject Toggle(string id, string title, bool value, string? label = null, string? error = null) =>
        Input(new JsonObject
        {
            ["type"] = "Input.Toggle", ["title"] = title, ["valueOn"] = "true", ["valueOff"] = "false",
        }, id, label, value ? "true" : "false", null, false, error);

    public static JsonObject Choices(string id, string label, IEnumerable<(string Title, string Value)> choices, string? value = null,
        bool required = false, bool multi = false, bool compact = true, string? error = null)
    {
        var array = new JsonArray();
        foreach (var (title, v) in choices)
        {
            array.Add(new JsonObject { ["title"] = title, ["value"] = v });
        }

        return Input(new JsonObject
        {
            ["type"] = "Input.ChoiceSet", ["choices"] = array, ["isMultiSelect"] = multi,
            ["style"] = compact ? "compact" : "expanded",
        }, id, label, value, null, required, error);
    }

    private static JsonObject Input(JsonObject input, string id, string? label, string? value, string? placeholder, bool required,
        string? error, Action<JsonObject>? extra = null)
    {
        input["id"] = id;
        if (label is not null)
        {
            input["label"] = label;
        }

        if (!string.IsNullOrEmpty(value))
        {
            input["value"] = value;
        }

        if (placeholder is not null)
        {
            input["placeholder"] = placeholder;
        }

        if (required)
        {
            input["isRequired"] = true;
        }

        extra?.Invoke(input);
        if (error is null)
        {
            return input;
        }

        // Keep the field and put the message right under it, so the user sees what to fix and keeps what they typed.
        return Container([input, Error(error)]);
    }
}

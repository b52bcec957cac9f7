using System.Text.Json.Nodes;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>
/// A small typed builder for Adaptive Cards (schema 1.5, which Teams renders on desktop and mobile).
/// Cards are built in code; elements come from <see cref="El"/>, actions from <see cref="Act"/>.
/// </summary>
public sealed class AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    private readonly JsonArray _body = [];
    private readonly JsonArray _actions = [];
    private JsonObject? _refresh;

    public AdaptiveCard Add(JsonObject? element)
    {
        if (element is not null)
        {
            _body.Add(element);
        }

        return this;
    }

    public AdaptiveCard AddRange(IEnumerable<JsonObject> elements)
    {
        foreach (var element in elements)
        {
            _body.Add(element);
        }

        return this;
    }

    public AdaptiveCard Title(string text) => Add(El.Title(text));

    public AdaptiveCard Text(string text, bool subtle = false) => Add(El.Text(text, subtle: subtle));

    public AdaptiveCard Facts(params (string Title, string Value)[] facts) => Add(El.Facts(facts));

    public AdaptiveCard Action(JsonObject action)
    {
        _actions.Add(action);
        return this;
    }

    /// <summary>
    /// Universal Actions refresh: Teams asks the bot for the current card (verb) when one of
    /// <paramref name="userIds"/> (Teams user ids, at most 60) views it, so no one acts on a stale card.
    /// </summary>
    public AdaptiveCard Refresh(string verb, JsonObject data, IEnumerable<string> userIds)
    {
        var ids = new JsonArray();
        foreach (var id in userIds.Take(60))
        {
            ids.Add(id);
        }

        _refresh = new JsonObject { ["action"] = Act.Execute("refresh", verb, data) };
        if (ids.Count > 0)
        {
            // Without userIds Teams still refreshes automatically in conversations of fewer than 60 members (every
            // personal chat), which is what a card fanned out unchanged to many personal chats relies on.
            _refresh["userIds"] = ids;
        }

        return this;
    }

    public int BodyCount => _body.Count;

    public JsonObject ToJson()
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = _body.DeepClone(),
        };
        if (_actions.Count > 0)
        {
            card["actions"] = _actions.DeepClone();
        }

        if (_refresh is not null)
        {
            card["refresh"] = _refresh.DeepClone();
        }

        return card;
    }
}

using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>
/// The welcome card, the help menu (built from <c>Resources/menu.json</c>: task groups of command buttons, filtered by
/// the user's role), "您是不是要找…" suggestions and the topic chooser. Every command button runs
/// <see cref="TurnRouter.RunVerb"/> with the command word, so the router's role check applies as if it were typed.
/// </summary>
public static class MenuCards
{
    /// <summary>Above this many buttons the groups fold behind one button each, so the card fits a phone.</summary>
    public const int InlineButtonLimit = 14;

    public static AdaptiveCard Welcome(Turn turn)
    {
        var L = turn.L;
        var card = new AdaptiveCard()
            // Teams (and the Playground) send installationUpdate without the user's name: greet without one.
            .Title(string.IsNullOrWhiteSpace(turn.User.Name) ? L["welcome.titleNoName"] : L.Format("welcome.title", Markdown.Escape(turn.User.Name)))
            .Text(L["welcome.body"]);
        return AddMainActions(card, turn);
    }

    public static AdaptiveCard Help(Turn turn, CommandIndex commands, string? intro = null)
    {
        var L = turn.L;
        var card = new AdaptiveCard().Title(L["help.title"]);
        card.Text(intro ?? L["help.menu.intro"], subtle: intro is null);
        var groups = commands.MenuFor(turn.Roles);
        var inline = groups.Sum(g => g.Items.Count) <= InlineButtonLimit;
        if (!inline)
        {
            card.Text(L["help.menu.more"], subtle: true);
        }

        foreach (var (group, items) in groups)
        {
            var buttons = items.Select(i => Run(L[i.Label], i.Command)).ToArray();
            if (inline)
            {
                card.Add(El.Text(L[group.Label], bold: true, size: "Small"));
                card.Add(El.Actions(buttons));
            }
            else
            {
                var inner = new AdaptiveCard();
                inner.Add(El.Actions(buttons));
                card.Add(El.Actions(Act.ShowCard(L[group.Label], inner)));
            }
        }

        card.Action(Language(turn));
        return card;
    }

    /// <summary>"您是不是要找…": up to three commands, closest first.</summary>
    public static AdaptiveCard Suggestions(Turn turn, CommandIndex commands, IReadOnlyList<string> suggested)
    {
        var L = turn.L;
        var card = new AdaptiveCard()
            .Title(L["help.suggest.title"])
            .Text(L.Format("help.suggest.body", Markdown.Escape(Shorten(turn.Text))));
        card.Add(El.Actions([.. suggested.Take(3).Select(c => Run(commands.LabelOf(c, L), c))]));
        card.Action(Act.Execute(L["help.title"], CoreVerbs.HelpShow));
        return card;
    }

    /// <summary>A topic word: the commands of its family the user may run, or who handles it.</summary>
    public static AdaptiveCard Topic(Turn turn, CommandIndex commands, IReadOnlyList<string> allowed)
    {
        var L = turn.L;
        var card = new AdaptiveCard().Title(L["help.topic.title"]);
        if (allowed.Count == 0)
        {
            card.Text(L["help.topic.noneAllowed"]);
        }
        else
        {
            card.Add(El.Actions([.. allowed.Select(c => Run(commands.LabelOf(c, L), c))]));
        }

        card.Action(Act.Execute(L["help.title"], CoreVerbs.HelpShow));
        return card;
    }

    /// <summary>A button that runs a command word as if typed.</summary>
    public static JsonObject Run(string label, string command) =>
        Act.Execute(label, TurnRouter.RunVerb, Act.Data(("command", command)), validate: false);

    private static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static JsonObject Language(Turn turn)
    {
        var other = turn.L.Language == Localization.Language.ZhCn ? Localization.Language.EnUs : Localization.Language.ZhCn;
        return Act.Execute(turn.L["menu.switchLanguage"], CoreVerbs.LanguageSet, Act.Data(("language", other.Code())));
    }

    private static AdaptiveCard AddMainActions(AdaptiveCard card, Turn turn)
    {
        var L = turn.L;
        card.Action(Act.Execute(turn.Roles.IsRegistered ? L["menu.profile"] : L["menu.register"], TeamVerbs.RegisterOpen));
        card.Action(Act.Execute(L["menu.projects"], ProjectVerbs.ProjectsList));
        card.Action(Act.Execute(L["menu.myRecord"], HoursVerbs.RecordShow));
        card.Action(Act.Execute(L["help.title"], CoreVerbs.HelpShow));
        card.Action(Language(turn));
        return card;
    }
}

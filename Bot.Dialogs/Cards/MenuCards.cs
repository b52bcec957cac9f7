using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>A command button of the menu: its shown label (already in the user's language) and the command word it runs.</summary>
public sealed record MenuButton(string Label, string Command);

/// <summary>A task group of the help menu: its label key and the buttons the user may press.</summary>
public sealed record MenuSection(string LabelKey, IReadOnlyList<MenuButton> Buttons);

/// <summary>
/// The welcome card, the help menu (built from <c>Resources/menu.json</c>: task groups of command buttons, filtered by
/// the user's role by the router), "您是不是要找…" suggestions and the topic chooser. Every command button runs
/// <see cref="CoreVerbs.MenuRun"/> with the command word, so the router's role check applies as if it were typed.
/// The cards take what they show; which commands a user may see is the router's decision.
/// </summary>
public static class MenuCards
{
    /// <summary>Above this many buttons the groups fold behind one button each, so the card fits a phone.</summary>
    public const int InlineButtonLimit = 14;

    public static AdaptiveCard Welcome(Localizer L, string? userName, bool registered)
    {
        var card = new AdaptiveCard()
            // Teams (and the Playground) send installationUpdate without the user's name: greet without one.
            .Title(string.IsNullOrWhiteSpace(userName) ? L["welcome.titleNoName"] : L.Format("welcome.title", Markdown.Escape(userName)))
            .Text(L["welcome.body"]);
        return AddMainActions(card, L, registered);
    }

    public static AdaptiveCard Help(Localizer L, IReadOnlyList<MenuSection> groups, string? intro = null)
    {
        var card = new AdaptiveCard().Title(L["help.title"]);
        card.Text(intro ?? L["help.menu.intro"], subtle: intro is null);
        var inline = groups.Sum(g => g.Buttons.Count) <= InlineButtonLimit;
        if (!inline)
        {
            card.Text(L["help.menu.more"], subtle: true);
        }

        foreach (var (groupLabel, items) in groups)
        {
            var buttons = items.Select(i => Run(i.Label, i.Command)).ToArray();
            if (inline)
            {
                card.Add(El.Text(L[groupLabel], bold: true, size: "Small"));
                card.Add(El.Actions(buttons));
            }
            else
            {
                var inner = new AdaptiveCard();
                inner.Add(El.Actions(buttons));
                card.Add(El.Actions(Act.ShowCard(L[groupLabel], inner)));
            }
        }

        card.Action(Language(L));
        return card;
    }

    /// <summary>"您是不是要找…": up to three commands, closest first.</summary>
    public static AdaptiveCard Suggestions(Localizer L, string said, IReadOnlyList<MenuButton> suggested)
    {
        var card = new AdaptiveCard()
            .Title(L["help.suggest.title"])
            .Text(L.Format("help.suggest.body", Markdown.Escape(Shorten(said))));
        card.Add(El.Actions([.. suggested.Take(3).Select(c => Run(c.Label, c.Command))]));
        card.Action(Act.Execute(L["help.title"], CoreVerbs.HelpShow));
        return card;
    }

    /// <summary>A topic word: the commands of its family the user may run, or who handles it.</summary>
    public static AdaptiveCard Topic(Localizer L, IReadOnlyList<MenuButton> allowed)
    {
        var card = new AdaptiveCard().Title(L["help.topic.title"]);
        if (allowed.Count == 0)
        {
            card.Text(L["help.topic.noneAllowed"]);
        }
        else
        {
            card.Add(El.Actions([.. allowed.Select(c => Run(c.Label, c.Command))]));
        }

        card.Action(Act.Execute(L["help.title"], CoreVerbs.HelpShow));
        return card;
    }

    /// <summary>A button that runs a command word as if typed.</summary>
    public static JsonObject Run(string label, string command) =>
        Act.Execute(label, CoreVerbs.MenuRun, Act.Data(("command", command)), validate: false);

    /// <summary>The first 20 characters of what the user said, for echoing it back.</summary>
    public static string Shorten(string text) => text.Length <= 20 ? text : text[..20] + "…";

    private static JsonObject Language(Localizer L)
    {
        var other = L.Language == Localization.Language.ZhCn ? Localization.Language.EnUs : Localization.Language.ZhCn;
        return Act.Execute(L["menu.switchLanguage"], CoreVerbs.LanguageSet, Act.Data(("language", other.Code())));
    }

    private static AdaptiveCard AddMainActions(AdaptiveCard card, Localizer L, bool registered)
    {
        card.Action(Act.Execute(registered ? L["menu.profile"] : L["menu.register"], TeamVerbs.RegisterOpen));
        card.Action(Act.Execute(L["menu.projects"], ProjectVerbs.ProjectsList));
        card.Action(Act.Execute(L["menu.myRecord"], HoursVerbs.RecordShow));
        card.Action(Act.Execute(L["help.title"], CoreVerbs.HelpShow));
        card.Action(Language(L));
        return card;
    }
}

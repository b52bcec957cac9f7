using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>The welcome and help cards: what the bot does, the main actions for the user's role, the language switch.</summary>
public static class MenuCards
{
    public static AdaptiveCard Welcome(Turn turn)
    {
        var L = turn.L;
        var card = new AdaptiveCard()
            // Teams (and the Playground) send installationUpdate without the user's name: greet without one.
            .Title(string.IsNullOrWhiteSpace(turn.User.Name) ? L["welcome.titleNoName"] : L.Format("welcome.title", turn.User.Name))
            .Text(L["welcome.body"]);
        return AddMainActions(card, turn);
    }

    public static AdaptiveCard Help(Turn turn, string? intro = null)
    {
        var L = turn.L;
        var card = new AdaptiveCard().Title(L["help.title"]);
        if (intro is not null)
        {
            card.Text(intro);
        }

        card.Text(L["help.commands.everyone"]);
        if (turn.Roles.Has(Role.Liaison))
        {
            card.Text(L["help.commands.liaison"]);
        }

        if (turn.Roles.Has(Role.Committee))
        {
            card.Text(L["help.commands.committee"]);
        }

        return AddMainActions(card, turn);
    }

    private static AdaptiveCard AddMainActions(AdaptiveCard card, Turn turn)
    {
        var L = turn.L;
        card.Action(Act.Execute(turn.Roles.IsRegistered ? L["menu.profile"] : L["menu.register"], TeamVerbs.RegisterOpen));
        card.Action(Act.Execute(L["menu.projects"], ProjectVerbs.ProjectsList));
        card.Action(Act.Execute(L["menu.myRecord"], HoursVerbs.RecordShow));
        var other = turn.L.Language == Language.ZhCn ? Language.EnUs : Language.ZhCn;
        card.Action(Act.Execute(L["menu.switchLanguage"], CoreVerbs.LanguageSet, Act.Data(("language", other.Code()))));
        return card;
    }
}

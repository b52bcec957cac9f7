using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Core;

/// <summary>The polite refusal when a user lacks the role an action needs: it says who can do it and what to do.</summary>
public static class Refusal
{
    public static TurnResult For(Turn turn, Role required)
    {
        var L = turn.L;
        var message = required switch
        {
            Role.Volunteer => L["refusal.volunteer"],
            Role.Liaison => L["refusal.liaison"],
            _ => L["refusal.committee"],
        };
        var card = new AdaptiveCard().Title(L["refusal.title"]).Text(message);
        if (required == Role.Volunteer)
        {
            card.Action(Act.Execute(L["menu.register"], TeamVerbs.RegisterOpen));
        }

        return turn.IsInvoke ? TurnResult.Replace(card) : TurnResult.Show(card);
    }
}

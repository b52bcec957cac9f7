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
        return TurnResult.Answer(turn, RefusalCards.Card(L, message, offerRegistration: required == Role.Volunteer));
    }

    /// <summary>A refusal for a reason other than the role (another division's project, a reply that is not theirs).</summary>
    public static TurnResult Because(Turn turn, string message) => TurnResult.Answer(turn, RefusalCards.Card(turn.L, message));
}

using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>The one refusal card: a polite title, what is not possible and why, and (when registering helps) the way in.</summary>
public static class RefusalCards
{
    public static AdaptiveCard Card(Localizer L, string message, bool offerRegistration = false)
    {
        var card = new AdaptiveCard().Title(L["refusal.title"]).Text(message);
        return offerRegistration ? card.Action(Act.Execute(L["menu.register"], TeamVerbs.RegisterOpen)) : card;
    }
}

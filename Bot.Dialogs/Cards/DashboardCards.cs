using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>The way from a card to the 数据看板 tab.</summary>
public static class DashboardCards
{
    /// <summary>Adds 打开数据看板 (Action.OpenUrl to the tab's deep link) when a link is configured.</summary>
    public static AdaptiveCard WithDashboardLink(this AdaptiveCard card, Localizer L, string? url)
    {
        if (url is not null)
        {
            card.Action(Act.OpenUrl(L["dashboard.open"], url));
        }

        return card;
    }
}

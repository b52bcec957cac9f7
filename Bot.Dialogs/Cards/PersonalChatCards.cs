using VolunteerBot.Dialogs.Conversation;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>The pointer a group chat or channel gets instead of personal or division data.</summary>
public static class PersonalChatCards
{
    /// <summary>Teams deep link that opens the 1:1 chat with the bot.</summary>
    public static string DeepLink(string botId)
    {
        var id = botId.StartsWith("28:", StringComparison.Ordinal) ? botId : "28:" + botId;
        // The id comes from the activity: keep only what a bot id holds, so nothing can be smuggled into the link.
        var safe = new string([.. id.Where(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '-')]);
        return "https://teams.microsoft.com/l/chat/0/0?users=" + safe;
    }

    public static AdaptiveCard Pointer(Turn turn)
    {
        var L = turn.L;
        var card = new AdaptiveCard().Title(L["personalOnly.title"]).Text(L["personalOnly.text"]);
        if (turn.BotId.Length > 0)
        {
            card.Action(Act.OpenUrl(L["personalOnly.open"], DeepLink(turn.BotId)));
        }

        return card;
    }
}

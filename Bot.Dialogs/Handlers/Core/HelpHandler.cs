using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Dialogs.Cards;

namespace VolunteerBot.Dialogs.Handlers.Core;

/// <summary>你好 / hi / 帮助 / help: the welcome card. Anything the router does not know gets the short help card.</summary>
public sealed class HelpHandler : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Anyone, ["你好", "您好", "hi", "hello", "帮助", "help", "菜单", "menu"], CoreVerbs.HelpShow);

    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var card = turn.Verb is null && IsGreeting(turn.Text) ? MenuCards.Welcome(turn) : MenuCards.Help(turn);
        return Task.FromResult(TurnResult.Answer(turn, card));
    }

    public TurnResult Unknown(Turn turn)
    {
        var card = MenuCards.Help(turn, turn.L["help.unknown"]);
        return TurnResult.Answer(turn, card);
    }

    private static bool IsGreeting(string text) =>
        TurnRouter.Normalize(text) is "你好" or "您好" or "hi" or "hello";
}

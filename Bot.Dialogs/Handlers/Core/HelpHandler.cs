using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Dialogs.Cards;

namespace VolunteerBot.Dialogs.Handlers.Core;

/// <summary>
/// 你好 / hi: the welcome card. 帮助 / help / 菜单: the help menu for the user's role. Anything the router does not
/// understand gets "您是不是要找…" with the closest commands; a topic word (队旗, 马甲) gets the commands of its family.
/// </summary>
public sealed class HelpHandler(Microsoft.Extensions.Options.IOptions<Options.DashboardLinkOptions>? dashboard = null) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Anyone, ["帮助", "help", "菜单", "menu", "你好", "您好", "hi", "hello"], CoreVerbs.HelpShow);

    /// <summary>Set by the router that owns this handler: the commands the menu and the suggestions may offer.</summary>
    public CommandIndex Commands { get; internal set; } = CommandIndex.Empty;

    public Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var card = turn.Verb is null && IsGreeting(turn.Text) ? MenuCards.Welcome(turn.L, turn.User.Name, turn.Roles.IsRegistered) : Menu(turn).WithDashboardLink(turn.L, dashboard?.Value.Url);
        return Task.FromResult(TurnResult.Answer(turn, card));
    }

    /// <summary>The help menu with a line above it (after a language switch, for example).</summary>
    public AdaptiveCard Menu(Turn turn, string? intro = null) => MenuCards.Help(turn.L, Commands.MenuSectionsFor(turn.Roles, turn.L), intro);

    public TurnResult Unknown(Turn turn)
    {
        AdaptiveCard card;
        var suggestions = turn.Verb is null ? Commands.Suggest(turn.Text, turn.Roles) : [];
        if (suggestions.Count > 0)
        {
            card = MenuCards.Suggestions(turn.L, turn.Text, Commands.ButtonsFor(suggestions.Select(s => s.Command), turn.L));
        }
        else
        {
            var said = turn.Verb is null && turn.Text.Length > 0 ? turn.L.Format("help.suggest.none", Markdown.Escape(Shorten(turn.Text))) : turn.L["help.unknown"];
            card = Menu(turn, said).WithDashboardLink(turn.L, dashboard?.Value.Url);
        }

        return TurnResult.Answer(turn, card);
    }

    /// <summary>A topic word (队旗, 马甲): the commands of its family this user may run, or who to ask.</summary>
    public TurnResult Topic(Turn turn, IReadOnlyList<string> allowed)
    {
        var card = MenuCards.Topic(turn.L, Commands.ButtonsFor(allowed, turn.L));
        return TurnResult.Answer(turn, card);
    }

    internal static string Shorten(string text) => MenuCards.Shorten(text);

    private static bool IsGreeting(string text) =>
        TurnRouter.Normalize(text) is "你好" or "您好" or "hi" or "hello";
}

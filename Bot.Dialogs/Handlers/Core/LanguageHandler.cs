using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Users;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Core;

/// <summary>The 中文 / English switch. The choice is stored with the user and wins over the organisation default.</summary>
public sealed class LanguageHandler(IUserSettingsStore settings, HelpHandler help) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Anyone, ["中文", "english", "语言", "language"], CoreVerbs.LanguageSet);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var requested = LanguageCodes.Parse(turn.Data.Get("language"))
            ?? LanguageCodes.Parse(turn.Arguments)
            ?? LanguageCodes.Parse(turn.Text)
            ?? (turn.L.Language == Language.ZhCn ? Language.EnUs : Language.ZhCn);
        await settings.SetLanguageAsync(turn.User.AadObjectId, requested, cancellationToken).ConfigureAwait(false);
        var switched = turn with { L = Localizer.For(requested) };
        var card = help.Menu(switched, switched.L["language.changed"]);
        return TurnResult.Answer(turn, card);
    }
}

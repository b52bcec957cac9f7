using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Dialogs.Cards;

namespace VolunteerBot.Dialogs.Handlers.Reminders;

/// <summary>季度简报 / digest: the current quarter's digest on demand (committee only).</summary>
public sealed class DigestHandler(IDigestSource source, TimeProvider time, Microsoft.Extensions.Options.IOptions<Options.VolunteeringOptions> options,
    Microsoft.Extensions.Options.IOptions<Options.DashboardLinkOptions>? dashboard = null) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["季度简报", "简报", "digest", "quarterly digest"], ReminderVerbs.DigestShow).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var quarter = Quarter.Of(now, options.Value.Zone);
        var digest = DigestCalculator.Compute(await source.GatherAsync(quarter, now, cancellationToken).ConfigureAwait(false));
        var card = DigestCards.Digest(turn.L, digest).WithDashboardLink(turn.L, dashboard?.Value.Url);
        return TurnResult.Answer(turn, card);
    }
}

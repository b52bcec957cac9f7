using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>待审核项目 / pending filings: one review card per filing waiting for the committee (oldest activity first).</summary>
public sealed class PendingProjectsHandler(ProjectContext ctx) : ITurnHandler
{
    public const int MaxCards = 10;

    public Route Route { get; } = Route.For(Role.Committee, ["待审核项目", "待审核", "pending filings", "pending"], ProjectVerbs.ProjectsPending).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var pending = await ctx.Projects.ListByStatusAsync([ProjectStatus.Filed], cancellationToken).ConfigureAwait(false);
        var result = new TurnResult();
        if (pending.Count == 0)
        {
            var none = NoticeCards.Notice(turn.L["projects.pending.title"], turn.L["projects.pending.none"]);
            return TurnResult.Answer(turn, none);
        }

        var names = await ctx.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        var summary = NoticeCards.Notice(turn.L["projects.pending.title"], turn.L.Format("projects.pending.count", pending.Count, Math.Min(pending.Count, MaxCards)));
        if (turn.IsInvoke)
        {
            result.WithCardUpdate(summary);
        }
        else
        {
            result.AddCard(summary);
        }

        var committee = await ctx.CommitteeAsync(cancellationToken).ConfigureAwait(false);
        foreach (var p in pending.Take(MaxCards))
        {
            result.AddCard(ProjectCards.Review(turn.L, p, names, ctx.Zone, ctx.Now, committee));
        }

        return result;
    }
}

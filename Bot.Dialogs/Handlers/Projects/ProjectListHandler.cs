using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// 项目列表 / projects (and the welcome card's "projects.list"): open projects the volunteer can join — every
/// centralised one and the branch ones of their division — with 报名 on each. "project.show" shows one project.
/// Both verbs only read, so they double as the refresh verbs of the list and detail cards (Universal Actions): a
/// refresh invoke reaches here through the router's role check like any tap and never changes data.
/// </summary>
public sealed class ProjectListHandler(ProjectContext ctx) : ITurnHandler
{
    public const int MaxShown = 8;

    /// <summary>Shows the open list; it only reads, so it is also the list card's refresh verb.</summary>
    public const string ListVerb = "projects.list";

    public Route Route { get; } = Route.For(Role.Volunteer, ["项目列表", "志愿服务项目", "projects", "project list"], ListVerb, ProjectCards.DetailRefreshVerb);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var names = await ctx.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        if (turn.Verb == "project.show" && turn.Data.Get("projectId") is { } id)
        {
            var project = await ctx.Projects.GetAsync(id, cancellationToken).ConfigureAwait(false);

            // A project the viewer may not see in its state answers exactly like an unknown id: nothing to probe.
            if (project is null || !project.IsVisibleTo(turn.Roles.IsCommittee, d => turn.Roles.LiaisonOfDivisions.Contains(d), turn.Roles.DivisionId))
            {
                return TurnResult.Replace(new AdaptiveCard().Title(L["projects.notFound"]));
            }

            return TurnResult.Replace(await DetailAsync(ctx, turn, project, names, null, cancellationToken).ConfigureAwait(false));
        }

        var open = (await ctx.Projects.ListByStatusAsync([ProjectStatus.Open], cancellationToken).ConfigureAwait(false))
            .Where(p => p.AcceptsSignUps(ctx.Now) && p.IsOpenTo(turn.Roles.DivisionId))
            .OrderBy(p => p.Start)
            .ToList();
        var card = new AdaptiveCard().Title(L["projects.list.title"]);
        if (open.Count == 0)
        {
            card.Text(L["projects.list.none"]);
        }

        foreach (var p in open.Take(MaxShown))
        {
            var counts = await ctx.SignUps.CountAsync(p.Id, cancellationToken).ConfigureAwait(false);
            var mine = await ctx.SignUps.GetAsync(p.Id, turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
            var state = mine is { Status: SignUpStatus.Confirmed } ? L["projects.list.youAreIn"]
                : mine is { Status: SignUpStatus.Waitlisted } ? L["projects.list.youAreWaitlisted"]
                : L.Format("projects.list.seats", Math.Max(0, p.Capacity - counts.Confirmed), p.Capacity);
            card.Add(El.Container(
            [
                El.Text(p.Title, bold: true),
                El.Text(ProjectCards.When(L, p, ctx.Zone) + " · " + p.Place, subtle: true),
                El.Text(L["projects.organiser." + p.Organiser] + " · " + state, subtle: true),
                El.Actions(Act.Execute(L["projects.list.open"], "project.show", Act.Data(("projectId", p.Id)))),
            ], separator: true));
        }

        if (open.Count > MaxShown)
        {
            card.Text(L.Format("projects.list.more", open.Count - MaxShown), subtle: true);
        }

        card.Action(Act.Execute(L["projects.mySignUps.button"], "projects.mine"));
        ProjectCards.RefreshFor(card, turn, ListVerb, Act.Data());
        return turn.IsInvoke ? TurnResult.Replace(card) : TurnResult.Show(card);
    }

    /// <summary>The detail card for the user of <paramref name="turn"/>, with their sign-up and manage buttons when allowed.</summary>
    public static async Task<AdaptiveCard> DetailAsync(ProjectContext ctx, Turn turn, Project p, IReadOnlyDictionary<string, string> names, string? notice, CancellationToken ct)
    {
        var mine = await ctx.SignUps.GetAsync(p.Id, turn.User.AadObjectId, ct).ConfigureAwait(false);
        var counts = await ctx.SignUps.CountAsync(p.Id, ct).ConfigureAwait(false);
        var position = 0;
        if (mine is { Status: SignUpStatus.Waitlisted })
        {
            var all = await ctx.SignUps.ListByProjectAsync(p.Id, ct).ConfigureAwait(false);
            position = all.Count(s => s.Status == SignUpStatus.Waitlisted && s.Sequence <= mine.Sequence);
        }

        var manage = p.AllDivisionIds.Any(turn.Roles.IsLiaisonOf);
        return ProjectCards.Detail(turn.L, p, names, ctx.Zone, ctx.Now, mine, counts, position, notice, manage, refreshFor: turn);
    }
}

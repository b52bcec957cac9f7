using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// 项目列表 / projects (and the welcome card's "projects.list"): every project the volunteer can join — every
/// centralised one and the branch ones of their division — a page at a time, with filters (see
/// <see cref="ProjectListCards"/>) and their own sign-ups marked. "project.show" shows one project.
/// Both verbs only read, so they double as the refresh verbs of the list and detail cards (Universal Actions): a
/// refresh invoke reaches here through the router's role check like any tap and never changes data.
/// </summary>
public sealed class ProjectListHandler(ProjectContext ctx) : ITurnHandler
{
    /// <summary>Shows the list (filters and page in the data); it only reads, so it is also the list card's refresh verb.</summary>
    public const string ListVerb = ProjectVerbs.ProjectsList;

    public Route Route { get; } = Route.For(Role.Volunteer, ["项目列表", "志愿服务项目", "projects", "project list"], ProjectVerbs.ProjectsList, ProjectVerbs.Show);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        if (turn.Verb == ProjectVerbs.Show && turn.Data.Get("projectId") is { } id)
        {
            var names = await ctx.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
            var project = await ctx.Projects.GetAsync(id, cancellationToken).ConfigureAwait(false);

            // A project the viewer may not see in its state answers exactly like an unknown id: nothing to probe.
            if (project is null || !project.IsVisibleTo(turn.Roles.IsCommittee, d => turn.Roles.LiaisonOfDivisions.Contains(d), turn.Roles.DivisionId))
            {
                return TurnResult.Replace(NoticeCards.Notice(L["projects.notFound"]));
            }

            return TurnResult.Replace(await DetailAsync(ctx, turn, project, names, null, cancellationToken).ConfigureAwait(false));
        }

        var card = await ListAsync(ctx, turn, turn.Verb == ListVerb ? ProjectListCards.QueryOf(turn.Data) : new ProjectQuery(), cancellationToken).ConfigureAwait(false);
        return TurnResult.Answer(turn, card);
    }

    /// <summary>
    /// One page of the list for <paramref name="query"/>, built for the user of <paramref name="turn"/>: their sign-ups
    /// marked, free places of the shown projects, and a refresh that keeps the same view. Shared by 搜索项目 and 即将开始.
    /// </summary>
    public static async Task<AdaptiveCard> ListAsync(ProjectContext ctx, Turn turn, ProjectQuery query, CancellationToken ct)
    {
        // Division names only matter when searching by organiser: a plain list reads no Divisions table.
        var names = query.Words.Length > 0 ? await ctx.DivisionNamesAsync(ct).ConfigureAwait(false) : new Dictionary<string, string>();
        var all = await ctx.Projects.ListByStatusAsync(ProjectFinder.ListedStatuses, ct).ConfigureAwait(false);
        var L = turn.L;
        var page = ProjectFinder.Find(all, query, turn.Roles.DivisionId, ctx.Now, ctx.Zone, p =>
            [.. p.AllDivisionIds.Select(d => names.GetValueOrDefault(d, "")), p.FiledByName,
             TextOf(Localization.Language.ZhCn, "projects.organiser." + p.Organiser), TextOf(Localization.Language.EnUs, "projects.organiser." + p.Organiser)]);
        var mine = (await ctx.SignUps.ListByVolunteerAsync(turn.User.AadObjectId, ct).ConfigureAwait(false))
            .Where(s => s.Status is SignUpStatus.Confirmed or SignUpStatus.Waitlisted)
            .GroupBy(s => s.ProjectId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Status, StringComparer.Ordinal);
        var rows = new List<ProjectListRow>();
        foreach (var p in page.Items)
        {
            var seats = 0;
            if (p.AcceptsSignUps(ctx.Now))
            {
                var counts = await ctx.SignUps.CountAsync(p.Id, ct).ConfigureAwait(false);
                seats = Math.Max(0, p.Capacity - counts.Confirmed);
            }

            rows.Add(new ProjectListRow(p, mine.TryGetValue(p.Id, out var status) ? status : null, seats, p.IsOpenTo(turn.Roles.DivisionId)));
        }

        var card = ProjectListCards.List(L, query with { Page = page.Page }, page, rows, ctx.Zone, ctx.Now, ListVerb);
        ProjectCards.RefreshFor(card, turn, ListVerb, ProjectListCards.DataOf(query, page.Page));
        return card;
    }

    private static string TextOf(Localization.Language language, string key) => Localization.TextCatalog.Shared.Get(language, key);

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

using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// A liaison answers a designated project: accept (领受, with an optional note) or raise a question (a note is
/// required; the committee is told). When every assigned division has accepted, the project is approved and announced.
/// </summary>
public sealed class ProjectResponseHandler(ProjectContext ctx, ProjectAnnouncer announcer) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, [], ProjectVerbs.RespondOpen, ProjectVerbs.Accept, ProjectVerbs.Question);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var project = await ctx.ProjectOfAsync(turn, cancellationToken).ConfigureAwait(false);
        if (project is null)
        {
            return TurnResult.Replace(NoticeCards.Notice(L["projects.notFound"]));
        }

        var division = turn.Data.Get("divisionId") is { } d && project.Involves(d) ? d : project.AllDivisionIds.FirstOrDefault(turn.Roles.IsLiaisonOf);
        if (division is null || !turn.Roles.IsLiaisonOf(division))
        {
            return TurnResult.Replace(RefusalCards.Card(L, L["projects.refusal.notYourDivision"]));
        }

        var names = await ctx.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        if (turn.Verb == ProjectVerbs.RespondOpen)
        {
            return TurnResult.Replace(Card(L, project, division, names, ctx, null, null));
        }

        var note = turn.Data.Get("note");
        var kind = turn.Verb == ProjectVerbs.Accept ? DivisionResponseKind.Accepted : DivisionResponseKind.Question;
        if (note is not null && ProjectRules.Length(note) > ProjectRules.ReasonMax)
        {
            return TurnResult.Replace(Card(L, project, division, names, ctx, L["projects.error.note.long"], turn.Data.Raw("note")));
        }

        if (kind == DivisionResponseKind.Question && note is null)
        {
            return TurnResult.Replace(Card(L, project, division, names, ctx, L["projects.error.question.missing"], null));
        }

        var response = new DivisionResponse(division, kind, turn.User.AadObjectId, turn.User.Name, ctx.Now, note);
        var update = await ctx.Projects.UpdateAsync(project.Id, p => ProjectLifecycle.Respond(p, response).Project, cancellationToken).ConfigureAwait(false);
        var current = update.After ?? project;
        var result = new TurnResult();
        if (update.Changed)
        {
            var answered = current;
            string text(Localizer nl) => kind == DivisionResponseKind.Accepted
                ? nl.Format("projects.notice.accepted", answered.Title, names.GetValueOrDefault(division, division), turn.User.Name, note ?? "—")
                : nl.Format("projects.notice.question", answered.Title, names.GetValueOrDefault(division, division), turn.User.Name, note);
            foreach (var member in await ctx.CommitteeAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Notify(member, text, $"project.response:{current.Id}:{current.Responses.Count}:{member}");
            }

            if (current.Status == ProjectStatus.Approved)
            {
                current = await ProjectReviewHandler.OpenAndAnnounceAsync(ctx, announcer, current, result, cancellationToken).ConfigureAwait(false);
            }
        }

        return result.WithCardUpdate(Card(L, current, division, names, ctx, null, null));
    }

    /// <summary>The answer card for one division's liaisons: pending → note with accept / question; answered → the outcome.</summary>
    public static AdaptiveCard Card(Localizer L, Project p, string divisionId, IReadOnlyDictionary<string, string> names, ProjectContext ctx, string? error, string? note)
    {
        var card = new AdaptiveCard()
            .Title(L.Format("projects.respond.title", p.Title))
            .Text(L.Format("projects.respond.intro", p.DecidedByName ?? "", names.GetValueOrDefault(divisionId, divisionId)))
            .Add(ProjectCards.Facts(L, p, names, ctx.Zone));
        if (p.Description.Length > 0)
        {
            card.Text(p.Description);
        }

        var accepted = p.Responses.LastOrDefault(r => r.DivisionId == divisionId && r.Kind == DivisionResponseKind.Accepted);
        if (accepted is not null)
        {
            card.Add(El.Text(L.Format("projects.respond.accepted", accepted.ByName), bold: true, color: "Good"));
            card.Text(ProjectCards.Status(L, p, ctx.Now), subtle: true);
            return card;
        }

        if (p.Status != ProjectStatus.Assigned)
        {
            card.Add(El.Text(ProjectCards.Status(L, p, ctx.Now), bold: true));
            return card;
        }

        foreach (var q in p.Responses.Where(r => r.DivisionId == divisionId && r.Kind == DivisionResponseKind.Question))
        {
            card.Add(El.Text(L.Format("projects.respond.asked", q.ByName, q.Note), subtle: true));
        }

        card.Add(El.TextInput("note", L["projects.respond.note"], note, L["projects.respond.note.hint"], maxLength: ProjectRules.ReasonMax, multiline: true, error: error));
        var data = Act.Data(("projectId", p.Id), ("divisionId", divisionId));
        card.Action(Act.Execute(L["projects.respond.accept"], ProjectVerbs.Accept, data, style: "positive"));
        card.Action(Act.Execute(L["projects.respond.question"], ProjectVerbs.Question, Act.Data(("projectId", p.Id), ("divisionId", divisionId))));
        return card;
    }
}

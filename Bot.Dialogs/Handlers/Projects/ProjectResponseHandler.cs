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
            return TurnResult.Replace(ProjectAssignmentCards.Response(L, project, division, names, ctx.Zone, ctx.Now, null, null));
        }

        var note = turn.Data.Get("note");
        var kind = turn.Verb == ProjectVerbs.Accept ? DivisionResponseKind.Accepted : DivisionResponseKind.Question;
        if (note is not null && ProjectRules.Length(note) > ProjectRules.ReasonMax)
        {
            return TurnResult.Replace(ProjectAssignmentCards.Response(L, project, division, names, ctx.Zone, ctx.Now, L["projects.error.note.long"], turn.Data.Raw("note")));
        }

        if (kind == DivisionResponseKind.Question && note is null)
        {
            return TurnResult.Replace(ProjectAssignmentCards.Response(L, project, division, names, ctx.Zone, ctx.Now, L["projects.error.question.missing"], null));
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

        return result.WithCardUpdate(ProjectAssignmentCards.Response(L, current, division, names, ctx.Zone, ctx.Now, null, null));
    }
}

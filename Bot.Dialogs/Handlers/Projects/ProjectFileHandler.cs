using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// 报备项目 / file project (R7 自愿申请): a liaison files a project for their division, alone or jointly; the
/// committee gets a review card. The same form edits and refiles a returned filing ("project.file.open" with a projectId).
/// </summary>
public sealed class ProjectFileHandler(ProjectContext ctx) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, ["报备项目", "项目报备", "file project"], ProjectVerbs.FileOpen, ProjectVerbs.FileSubmit);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var projectId = turn.Data.Get("projectId");
        Project? existing = null;
        if (projectId is not null)
        {
            existing = await ctx.Projects.GetAsync(projectId, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                return TurnResult.Answer(turn, NoticeCards.Notice(turn.L["projects.notFound"]));
            }

            if (!turn.Roles.IsLiaisonOf(existing.DivisionId))
            {
                return Refusal.Because(turn, turn.L["projects.refusal.notYourDivision"]);
            }

            if (existing.Status is not (ProjectStatus.Returned or ProjectStatus.Filed))
            {
                return TurnResult.Answer(turn, NoticeCards.Notice(existing.Title, turn.L.Format("projects.edit.notEditable", ProjectCards.Status(turn.L, existing, ctx.Now))));
            }
        }

        var divisions = (await ctx.Divisions.ListAsync(includeArchived: false, cancellationToken).ConfigureAwait(false))
            .Select(d => (d.Id, d.Name)).ToList();
        var own = divisions.Where(d => turn.Roles.IsLiaisonOf(d.Id)).ToList();
        var mode = existing is null ? ProjectFormMode.File : ProjectFormMode.Edit;

        if (turn.Verb != ProjectVerbs.FileSubmit)
        {
            var values = existing is null ? CardData.Empty : ProjectForm.From(existing, ctx.Zone);
            var intro = existing?.Returns.Count > 0 ? turn.L.Format("projects.edit.returnedBecause", existing.Returns[^1].Reason) : turn.L["projects.file.intro"];
            return TurnResult.Answer(turn, ProjectCards.Form(turn.L, mode, divisions, own, values, new Dictionary<string, string>(), existing?.Id, NewDraftId(), intro));
        }

        var draft = ProjectForm.Read(turn.Data, ctx.Zone);
        var known = divisions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(ProjectRules.Validate(draft, ctx.Now, known), StringComparer.Ordinal);
        if (!errors.ContainsKey("division") && draft.DivisionId is { } lead && !turn.Roles.IsLiaisonOf(lead))
        {
            errors["division"] = "projects.error.division.notYours";
        }

        var draftId = turn.Data.Get("draftId") ?? NewDraftId();
        if (errors.Count > 0)
        {
            return TurnResult.Replace(ProjectCards.Form(turn.L, mode, divisions, own, turn.Data, errors, existing?.Id, draftId));
        }

        var result = new TurnResult();
        if (existing is null)
        {
            // The id comes from the card's draft id, so a double tap of 提交 finds the same project instead of filing twice.
            var year = ProjectCalendar.ToLocal(ctx.Now, ctx.Zone).Year;
            var id = Project.NewIdFromDraft(year, draftId);
            var project = ProjectForm.ToProject(draft, id, ProjectOrigin.Applied, ProjectStatus.Filed, turn.User.AadObjectId, turn.User.Name, ctx.Now);
            var already = await ctx.Projects.GetAsync(id, cancellationToken).ConfigureAwait(false);
            if (already is null)
            {
                await ctx.Projects.CreateAsync(project, cancellationToken).ConfigureAwait(false);
                await ProjectNotices.NotifyCommitteeAsync(ctx, project, result, cancellationToken).ConfigureAwait(false);
            }

            return result.WithCardUpdate(await FiledCardAsync(turn, already ?? project, cancellationToken).ConfigureAwait(false));
        }

        var edited = ProjectForm.ToProject(draft, existing.Id, existing.Origin, ProjectStatus.Filed, turn.User.AadObjectId, turn.User.Name, ctx.Now);
        var update = await ctx.Projects.UpdateAsync(existing.Id, current =>
        {
            var t = ProjectLifecycle.Refile(current, edited, turn.User.AadObjectId, turn.User.Name, ctx.Now);
            return t.Ok ? t.Project : current;
        }, cancellationToken).ConfigureAwait(false);
        if (!update.Changed)
        {
            return TurnResult.Replace(NoticeCards.Notice(existing.Title, turn.L.Format("projects.edit.notEditable", ProjectCards.Status(turn.L, update.Before ?? existing, ctx.Now))));
        }

        await ProjectNotices.NotifyCommitteeAsync(ctx, update.After!, result, cancellationToken).ConfigureAwait(false);
        return result.WithCardUpdate(await FiledCardAsync(turn, update.After!, cancellationToken).ConfigureAwait(false));
    }

    private async Task<AdaptiveCard> FiledCardAsync(Turn turn, Project p, CancellationToken ct)
    {
        var names = await ctx.DivisionNamesAsync(ct).ConfigureAwait(false);
        return ProjectCards.Filed(turn.L, p, names, ctx.Zone);
    }

    private static string NewDraftId() => Guid.NewGuid().ToString("N");
}

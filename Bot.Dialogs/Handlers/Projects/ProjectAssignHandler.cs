using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// 指定项目 / assign project (R7 指定承担): the committee creates a project for one or more divisions (the first is the
/// lead); each division's liaisons get a card to accept it with a note or raise a question.
/// </summary>
public sealed class ProjectAssignHandler(ProjectContext ctx) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["指定项目", "指定承担", "assign project"], ProjectVerbs.AssignOpen, ProjectVerbs.AssignSubmit);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var divisions = (await ctx.Divisions.ListAsync(includeArchived: false, cancellationToken).ConfigureAwait(false)).Select(d => (d.Id, d.Name)).ToList();
        if (turn.Verb != ProjectVerbs.AssignSubmit)
        {
            var form = ProjectCards.Form(L, ProjectFormMode.Assign, divisions, divisions, CardData.Empty, new Dictionary<string, string>(), null, Guid.NewGuid().ToString("N"), L["projects.assign.intro"]);
            return TurnResult.Answer(turn, form);
        }

        var draft = ProjectForm.Read(turn.Data, ctx.Zone);
        var errors = ProjectRules.Validate(draft, ctx.Now, divisions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal));
        var draftId = turn.Data.Get("draftId") ?? Guid.NewGuid().ToString("N");
        if (errors.Count > 0)
        {
            return TurnResult.Replace(ProjectCards.Form(L, ProjectFormMode.Assign, divisions, divisions, turn.Data, errors, null, draftId));
        }

        var id = Project.NewIdFromDraft(ProjectCalendar.ToLocal(ctx.Now, ctx.Zone).Year, draftId);
        var project = ProjectForm.ToProject(draft, id, ProjectOrigin.Designated, ProjectStatus.Assigned, turn.User.AadObjectId, turn.User.Name, ctx.Now)
            with { DecidedByAadObjectId = turn.User.AadObjectId, DecidedByName = turn.User.Name };
        var result = new TurnResult();
        var existing = await ctx.Projects.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            await ctx.Projects.CreateAsync(project, cancellationToken).ConfigureAwait(false);
            var names = await ctx.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
            foreach (var division in project.AllDivisionIds)
            {
                foreach (var liaison in await ctx.LiaisonsOfAsync([division], cancellationToken).ConfigureAwait(false))
                {
                    result.Notify(liaison, nl => ProjectAssignmentCards.Response(nl, project, division, names, ctx.Zone, ctx.Now, null, null), $"project.assigned:{project.Id}:{liaison}");
                }
            }
        }

        var done = ProjectAssignmentCards.Assigned(L, existing ?? project, await ctx.DivisionNamesAsync(cancellationToken).ConfigureAwait(false), ctx.Zone);
        return result.WithCardUpdate(done);
    }
}

using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// The committee's review (R7): approve, or return with a reason. The review card's refresh verb returns the current
/// state to any committee member who opens it. Approval announces the project once, whoever approved first.
/// </summary>
public sealed class ProjectReviewHandler(ProjectContext ctx, ProjectAnnouncer announcer) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, [], ProjectVerbs.Approve, ProjectVerbs.Return, ProjectVerbs.ReviewRefresh).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var project = await ctx.ProjectOfAsync(turn, cancellationToken).ConfigureAwait(false);
        if (project is null)
        {
            return TurnResult.Replace(NoticeCards.Notice(L["projects.notFound"]));
        }

        var names = await ctx.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        var committee = await ctx.CommitteeAsync(cancellationToken).ConfigureAwait(false);
        AdaptiveCard Card(Project p, string? reason = null, string? reasonError = null, string? notice = null) =>
            ProjectCards.Review(L, p, names, ctx.Zone, ctx.Now, committee, reason, reasonError, notice);

        if (turn.Verb == ProjectVerbs.ReviewRefresh)
        {
            return TurnResult.Replace(Card(project));
        }

        var result = new TurnResult();
        var by = turn.User.AadObjectId;
        if (turn.Verb == ProjectVerbs.Return)
        {
            var reason = turn.Data.Get("reason");
            var error = reason is null ? "projects.error.reason.missing"
                : ProjectRules.Length(reason) > ProjectRules.ReasonMax ? "projects.error.reason.long" : null;
            if (error is not null && project.Status == ProjectStatus.Filed)
            {
                return TurnResult.Replace(Card(project, turn.Data.Raw("reason"), L[error]));
            }

            Transition? transition = null;
            var update = await ctx.Projects.UpdateAsync(project.Id, p => (transition = ProjectLifecycle.Return(p, by, turn.User.Name, ctx.Now, reason ?? "")).Project, cancellationToken).ConfigureAwait(false);
            var current = update.After ?? project;
            if (update.Changed)
            {
                var returned = current;
                await ProjectNotices.NotifyLiaisonsAsync(ctx, current, by, liaisonL => liaisonL.Format("projects.notice.returned", returned.Title, turn.User.Name, reason), $"project.returned:{current.Id}:{current.Returns.Count}", result, cancellationToken).ConfigureAwait(false);
                return result.WithCardUpdate(Card(current));
            }

            return result.WithCardUpdate(Card(current, notice: Refused(turn, transition, current)));
        }

        Transition? approval = null;
        var approved = await ctx.Projects.UpdateAsync(project.Id, p => (approval = ProjectLifecycle.Approve(p, by, turn.User.Name, ctx.Now)).Project, cancellationToken).ConfigureAwait(false);
        var now = approved.After ?? project;
        if (!approved.Changed)
        {
            return result.WithCardUpdate(Card(now, notice: Refused(turn, approval, now)));
        }

        var announcing = result.Broadcasts.Count;
        var opened = await OpenAndAnnounceAsync(ctx, announcer, now, result, cancellationToken).ConfigureAwait(false);
        if (result.Broadcasts.Count > announcing)
        {
            // Only the caller that opened it tells the liaisons: the announcement sweep may have opened a stalled approval first.
            await ProjectNotices.NotifyLiaisonsAsync(ctx, opened, by, textL => textL.Format("projects.notice.approved", opened.Title, turn.User.Name),
                $"project.approved:{opened.Id}", result, cancellationToken).ConfigureAwait(false);
        }

        return result.WithCardUpdate(Card(opened));
    }

    /// <summary>Approved → open, announcing it; only the caller that makes the change announces, so it happens once.</summary>
    public static async Task<Project> OpenAndAnnounceAsync(ProjectContext ctx, ProjectAnnouncer announcer, Project approved, TurnResult result, CancellationToken ct)
    {
        var update = await ctx.Projects.UpdateAsync(approved.Id, p => ProjectLifecycle.Open(p, ctx.Now).Project, ct).ConfigureAwait(false);
        if (update.Changed)
        {
            (await announcer.BuildAsync(update.After!, ct).ConfigureAwait(false)).AddTo(result);
        }

        return update.After ?? approved;
    }

    private string Refused(Turn turn, Transition? t, Project current) => t?.Error switch
    {
        TransitionError.AlreadyDone => turn.L.Format("projects.review.alreadyDone", ProjectCards.Outcome(turn.L, current, ctx.Now)),
        TransitionError.TooLate => turn.L["projects.review.tooLate"],
        _ => turn.L.Format("projects.review.alreadyDone", ProjectCards.Outcome(turn.L, current, ctx.Now)),
    };
}

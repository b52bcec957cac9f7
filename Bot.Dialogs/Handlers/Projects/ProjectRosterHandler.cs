using System.Globalization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// The sign-up list of a project (报名名单) for its liaisons and the committee; the committee can cancel the project
/// here ("project.cancel"), and everyone signed up is told, or archive it once completed ("project.archive",
/// <see cref="ProjectArchiveHandler"/>). "project.roster" only reads, so it is also the card's refresh verb: the
/// list stays current when the liaison opens it again (see <see cref="ProjectCards.RefreshFor"/>).
/// </summary>
public sealed class ProjectRosterHandler(ProjectContext ctx) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, [], ProjectVerbs.Roster, ProjectVerbs.Cancel).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var project = await ctx.ProjectOfAsync(turn, cancellationToken).ConfigureAwait(false);
        if (project is null)
        {
            return TurnResult.Replace(NoticeCards.Notice(L["projects.notFound"]));
        }

        if (!project.AllDivisionIds.Any(turn.Roles.IsLiaisonOf))
        {
            return TurnResult.Replace(RefusalCards.Card(L, L["projects.refusal.notYourDivision"]));
        }

        var result = new TurnResult();
        string? notice = null;
        if (turn.Verb == ProjectVerbs.Cancel)
        {
            if (!turn.Roles.IsCommittee)
            {
                return TurnResult.Replace(RefusalCards.Card(L, L["refusal.committee"]));
            }

            var reason = turn.Data.Get("cancelReason");
            if (reason is not null && ProjectRules.Length(reason) > ProjectRules.ReasonMax)
            {
                return TurnResult.Replace(await CardAsync(ctx, turn, project, null, L["projects.error.reason.long"], cancellationToken).ConfigureAwait(false));
            }

            Transition? t = null;
            var update = await ctx.Projects.UpdateAsync(project.Id, p => (t = ProjectLifecycle.Cancel(p, turn.User.AadObjectId, ctx.Now, reason)).Project, cancellationToken).ConfigureAwait(false);
            project = update.After ?? project;
            if (update.Changed)
            {
                var cancelled = project;
                string text(Localization.Localizer nl) => nl.Format("projects.notice.cancelled", cancelled.Title, ProjectCards.When(nl, cancelled, ctx.Zone), reason ?? nl["projects.notice.noReason"]);
                foreach (var s in (await ctx.SignUps.ListByProjectAsync(project.Id, cancellationToken).ConfigureAwait(false)).Where(s => s.Status != SignUpStatus.Cancelled))
                {
                    result.Notify(s.VolunteerAadObjectId, text, $"project.cancelled:{project.Id}:{s.VolunteerAadObjectId}");
                }

                await ProjectNotices.NotifyLiaisonsAsync(ctx, project, turn.User.AadObjectId, text, $"project.cancelled:{project.Id}", result, cancellationToken).ConfigureAwait(false);
                notice = L["projects.cancel.done"];
            }
            else
            {
                notice = t?.Error == TransitionError.AlreadyDone ? L["projects.cancel.done"] : L["projects.cancel.tooLate"];
            }
        }

        return result.WithCardUpdate(await CardAsync(ctx, turn, project, notice, null, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The 报名名单 card as <paramref name="turn"/>'s user may see it now, refreshable for them.</summary>
    public static async Task<AdaptiveCard> CardAsync(ProjectContext ctx, Turn turn, Project p, string? notice, string? reasonError, CancellationToken ct)
    {
        var names = await ctx.DivisionNamesAsync(ct).ConfigureAwait(false);
        var signUps = await ctx.SignUps.ListByProjectAsync(p.Id, ct).ConfigureAwait(false);
        var manage = CheckIn.CheckInFlow.MayManage(turn.Roles, p);
        var actions = new ProjectRosterActions(
            OpenCheckIn: manage && CheckIn.CheckInFlow.CanOpen(p, ctx.Now),
            CheckInSheet: manage && p.IsGoingAhead() && ctx.Now >= Domain.CheckIn.CheckInRules.OpensAt(p),
            Cancel: turn.Roles.IsCommittee && p.Status is not (ProjectStatus.Cancelled or ProjectStatus.Archived) && ctx.Now < p.End,
            Archive: turn.Roles.IsCommittee && p.StatusAt(ctx.Now) == ProjectStatus.Completed);
        return ProjectRosterCards.Card(turn, p, signUps, names, actions, ctx.Zone, ctx.Now, notice, reasonError);
    }
}

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
            return TurnResult.Replace(new AdaptiveCard().Title(L["projects.notFound"]));
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
                var nl = ProjectNotices.DefaultLocalizer(ctx);
                var text = nl.Format("projects.notice.cancelled", project.Title, ProjectCards.When(nl, project, ctx.Zone), reason ?? nl["projects.notice.noReason"]);
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
        var L = turn.L;
        var names = await ctx.DivisionNamesAsync(ct).ConfigureAwait(false);
        var signUps = await ctx.SignUps.ListByProjectAsync(p.Id, ct).ConfigureAwait(false);
        var confirmed = signUps.Where(s => s.Status == SignUpStatus.Confirmed).ToList();
        var waitlisted = signUps.Where(s => s.Status == SignUpStatus.Waitlisted).ToList();
        var card = new AdaptiveCard()
            .Title(L.Format("projects.roster.title", p.Title))
            .Add(ProjectCards.Facts(L, p, names, ctx.Zone, withDeclaration: true))
            .Text(L.Format("projects.detail.status", ProjectCards.Status(L, p, ctx.Now), confirmed.Count, p.Capacity, waitlisted.Count), subtle: true);
        if (notice is not null)
        {
            card.Add(El.Text(notice, bold: true));
        }

        card.Add(El.Text(L["projects.roster.confirmed"], bold: true));
        card.Text(confirmed.Count == 0 ? L["projects.roster.empty"] : string.Join("\n", confirmed.Select((s, i) => Line(i + 1, s, names))));
        if (waitlisted.Count > 0)
        {
            card.Add(El.Text(L["projects.roster.waitlisted"], bold: true));
            card.Text(string.Join("\n", waitlisted.Select((s, i) => Line(i + 1, s, names))));
        }

        if (p.Status == ProjectStatus.Archived)
        {
            card.Add(El.Text(L.Format("projects.archive.archivedBy", p.ArchivedByName ?? "", p.ArchivedAt is { } at ? ProjectCalendar.ToLocal(at, ctx.Zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : ""), subtle: true));
        }

        // Check-in at the venue (签到): opened here by the organising division's liaison or the committee.
        if (CheckIn.CheckInFlow.MayManage(turn.Roles, p) && CheckIn.CheckInFlow.CanOpen(p, ctx.Now))
        {
            card.Action(Act.Execute(L["checkin.roster.open"], CheckInVerbs.Open, Act.Data((CheckInCards.ProjectId, p.Id))));
        }

        if (CheckIn.CheckInFlow.MayManage(turn.Roles, p) && p.IsGoingAhead() && ctx.Now >= Domain.CheckIn.CheckInRules.OpensAt(p))
        {
            card.Action(Act.Execute(L["checkin.roster.sheet"], CheckInVerbs.Sheet, Act.Data((CheckInCards.ProjectId, p.Id))));
        }

        if (turn.Roles.IsCommittee && p.Status is not (ProjectStatus.Cancelled or ProjectStatus.Archived) && ctx.Now < p.End)
        {
            card.Add(El.TextInput("cancelReason", L["projects.cancel.reason"], null, maxLength: ProjectRules.ReasonMax, error: reasonError));
            card.Action(Act.Execute(L["projects.cancel.button"], ProjectVerbs.Cancel, Act.Data(("projectId", p.Id)), style: "destructive"));
        }

        if (turn.Roles.IsCommittee && p.StatusAt(ctx.Now) == ProjectStatus.Completed)
        {
            card.Action(Act.Execute(L["projects.archive.button"], ProjectVerbs.Archive, Act.Data(("projectId", p.Id), ("from", "roster"))));
        }

        return ProjectCards.RefreshFor(card, turn, ProjectVerbs.Roster, Act.Data(("projectId", p.Id)));
    }

    private static string Line(int n, SignUp s, IReadOnlyDictionary<string, string> names) =>
        string.Create(CultureInfo.InvariantCulture, $"{n}. {s.VolunteerName}（{names.GetValueOrDefault(s.DivisionId, s.DivisionId)}）");
}

using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// 报名 / cancel from a project card. Capacity is enforced by the store; beyond it the volunteer is waitlisted.
/// Cancelling (until the start) promotes the waitlist in arrival order and tells those promoted.
/// </summary>
public sealed class SignUpHandler(ProjectContext ctx) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, [], ProjectVerbs.SignUp, ProjectVerbs.SignUpCancel);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var project = await ctx.ProjectOfAsync(turn, cancellationToken).ConfigureAwait(false);
        if (project is null)
        {
            return TurnResult.Replace(new AdaptiveCard().Title(L["projects.notFound"]));
        }

        var names = await ctx.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        Task<AdaptiveCard> Card(string? notice) => ProjectListHandler.DetailAsync(ctx, turn, project, names, notice, cancellationToken);

        if (turn.Verb == ProjectVerbs.SignUpCancel)
        {
            if (ctx.Now >= project.Start)
            {
                return TurnResult.Replace(await Card(L["projects.signup.cancelTooLate"]).ConfigureAwait(false));
            }

            var cancel = await ctx.SignUps.CancelAsync(project.Id, turn.User.AadObjectId, project.Capacity, ctx.Now, cancellationToken).ConfigureAwait(false);
            var result = new TurnResult();
            var notifyL = ProjectNotices.DefaultLocalizer(ctx);
            foreach (var promoted in cancel.Promoted)
            {
                var text = notifyL.Format("projects.notice.promoted", project.Title, ProjectCards.When(notifyL, project, ctx.Zone), project.Place);
                result.Notify(promoted.VolunteerAadObjectId, text, $"project.promoted:{project.Id}:{promoted.VolunteerAadObjectId}:{promoted.Sequence}");
            }

            return result.WithCardUpdate(await Card(cancel.WasActive ? L["projects.signup.cancelled"] : L["projects.signup.notSignedUp"]).ConfigureAwait(false));
        }

        if (!project.AcceptsSignUps(ctx.Now))
        {
            return TurnResult.Replace(await Card(project.StatusAt(ctx.Now) == ProjectStatus.Open || project.Status == ProjectStatus.Open
                ? L["projects.signup.closed"] : L.Format("projects.signup.notOpen", ProjectCards.Status(L, project, ctx.Now))).ConfigureAwait(false));
        }

        var volunteer = await ctx.Volunteers.GetAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        if (volunteer is null)
        {
            return TurnResult.Replace(RefusalCards.Card(L, L["refusal.volunteer"], offerRegistration: true));
        }

        if (!project.IsOpenTo(volunteer.DivisionId))
        {
            return TurnResult.Replace(await Card(L["projects.signup.otherDivision"]).ConfigureAwait(false));
        }

        var signUp = await ctx.SignUps.SignUpAsync(new SignUpRequest(project.Id, volunteer.AadObjectId, volunteer.Name, volunteer.DivisionId, project.Capacity, ctx.Now), cancellationToken).ConfigureAwait(false);
        var notice = signUp.Outcome switch
        {
            SignUpOutcome.Confirmed => L["projects.signup.confirmed"],
            SignUpOutcome.Waitlisted => L.Format("projects.signup.waitlisted", signUp.WaitlistPosition),
            _ => L["projects.signup.already"],
        };
        return TurnResult.Replace(await Card(notice).ConfigureAwait(false));
    }
}

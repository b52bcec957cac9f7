using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Dialogs.Hours;

/// <summary>
/// The activity confirmation card: open it (from the pending list or the reminder) and confirm all lines in one submit.
/// Only a liaison of a division organising the activity, or the committee, may confirm; a resubmit with the same
/// values changes nothing; changed values are corrections with an audit entry. Volunteers marked absent are told.
/// </summary>
public sealed class ActivityConfirmationHandler(HoursContext context, ActivityConfirmationFlow flow) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, [], HoursAdminCards.ActivityOpenVerb, HoursAdminCards.ActivitySubmitVerb);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var project = turn.Data.Get(HoursAdminCards.ProjectId) is { } id ? await context.Projects.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (project is null)
        {
            return TurnResult.Replace(new AdaptiveCard().Title(L["hours.activity.missing"]).Text(L["hours.activity.missingHint"]));
        }

        if (!ActivityConfirmationFlow.MayConfirm(turn.Roles, project))
        {
            return TurnResult.Replace(new AdaptiveCard().Title(L["hours.activity.notYours"]).Text(L["hours.activity.notYoursHint"]));
        }

        if (project.StatusAt(context.Now) != ProjectStatus.Completed)
        {
            return TurnResult.Replace(new AdaptiveCard().Title(L.Format("hours.activity.title", project.Title))
                .Text(project.Status == ProjectStatus.Cancelled ? L["hours.activity.cancelled"]
                    : project.Status == ProjectStatus.Archived ? L["projects.archive.closedForHours"]
                    : L.Format("hours.activity.notEnded", context.Format(project.End))));
        }

        if (turn.Verb == HoursAdminCards.ActivityOpenVerb)
        {
            return TurnResult.Replace(await flow.CardAsync(L, project, turn.User.AadObjectId, null, null, null, cancellationToken).ConfigureAwait(false));
        }

        var actor = await context.ActorAsync(turn, cancellationToken).ConfigureAwait(false);
        var (done, errors) = await flow.ConfirmAsync(L, project, turn.Data, actor, cancellationToken).ConfigureAwait(false);
        if (done is null)
        {
            return TurnResult.Replace(await flow.CardAsync(L, project, turn.User.AadObjectId, turn.Data, errors, null, cancellationToken).ConfigureAwait(false));
        }

        var message = L.Format("hours.activity.done", done.Confirmed, HoursRules.Format(done.Hours), done.Absent)
            + (done.Changed == 0 ? L["hours.activity.unchanged"] : "");
        var result = TurnResult.Replace(await flow.CardAsync(L, project, turn.User.AadObjectId, null, null, message, cancellationToken).ConfigureAwait(false));
        foreach (var r in done.Rejected)
        {
            result.Notify(r.VolunteerAadObjectId, L.Format("hours.notify.rejected", r.ProjectTitle, HoursContext.Format(r.Date), HoursRules.Format(r.Hours), r.RejectReason ?? ""),
                $"hours-rejected-{r.VolunteerAadObjectId}-{r.Id}-{r.Revision}");
        }

        return result;
    }
}

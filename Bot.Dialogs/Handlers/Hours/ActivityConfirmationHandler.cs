using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>
/// The activity confirmation card: open it (from the pending list or the reminder) and confirm all lines in one submit;
/// a list longer than one page is confirmed page by page (确认本页 moves on to the next page), and 上一页/下一页 only
/// browse: they never write, and they stop once when the page has unconfirmed edits (a second tap drops them).
/// Only a liaison of a division organising the activity, or the committee, may confirm; a resubmit with the same
/// values changes nothing; changed values are corrections with an audit entry. Volunteers marked absent are told.
/// </summary>
public sealed class ActivityConfirmationHandler(HoursContext context, ActivityConfirmationFlow flow) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, [], HoursVerbs.ActivityOpen, HoursVerbs.ActivitySubmit, HoursVerbs.ActivityPage).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var project = turn.Data.Get(HoursAdminCards.ProjectId) is { } id ? await context.Projects.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (project is null)
        {
            return TurnResult.Replace(NoticeCards.Notice(L["hours.activity.missing"], L["hours.activity.missingHint"]));
        }

        if (!ActivityConfirmationFlow.MayConfirm(turn.Roles, project))
        {
            return TurnResult.Replace(NoticeCards.Notice(L["hours.activity.notYours"], L["hours.activity.notYoursHint"]));
        }

        if (project.StatusAt(context.Now) != ProjectStatus.Completed)
        {
            return TurnResult.Replace(NoticeCards.Notice(L.Format("hours.activity.title", project.Title),
                project.Status == ProjectStatus.Cancelled ? L["hours.activity.cancelled"]
                    : project.Status == ProjectStatus.Archived ? L["projects.archive.closedForHours"]
                    : L.Format("hours.activity.notEnded", context.Format(L, project.End))));
        }

        var viewer = turn.User.AadObjectId;
        if (turn.Verb == HoursVerbs.ActivityOpen)
        {
            var start = await flow.StartPageAsync(project, viewer, cancellationToken).ConfigureAwait(false);
            return TurnResult.Replace(await flow.CardAsync(L, project, viewer, null, null, null, cancellationToken, start).ConfigureAwait(false));
        }

        var page = turn.Data.GetInt(HoursAdminCards.Page) ?? 0;
        if (turn.Verb == HoursVerbs.ActivityPage)
        {
            if (!turn.Data.GetBool(HoursAdminCards.Discard) && await flow.HasUnconfirmedEditsAsync(project, turn.Data, viewer, cancellationToken).ConfigureAwait(false))
            {
                return TurnResult.Replace(await flow.CardAsync(L, project, viewer, turn.Data, null, null, cancellationToken, page, L["hours.activity.unsaved"], discard: true).ConfigureAwait(false));
            }

            var target = turn.Data.GetInt(HoursAdminCards.Target) ?? page;
            return TurnResult.Replace(await flow.CardAsync(L, project, viewer, null, null, null, cancellationToken, target).ConfigureAwait(false));
        }

        var actor = await context.ActorAsync(turn, cancellationToken).ConfigureAwait(false);
        var (done, errors) = await flow.ConfirmAsync(L, project, turn.Data, actor, cancellationToken).ConfigureAwait(false);
        if (done is null)
        {
            return TurnResult.Replace(await flow.CardAsync(L, project, viewer, turn.Data, errors, null, cancellationToken, page).ConfigureAwait(false));
        }

        var seats = (await flow.SeatsAsync(project, cancellationToken).ConfigureAwait(false)).Count;
        var paged = ActivityConfirmationFlow.PageCount(seats) > 1;
        var message = (paged
                ? L.Format("hours.activity.pageDone", page + 1, done.Confirmed, HoursRules.Format(done.Hours), done.Absent)
                : L.Format("hours.activity.done", done.Confirmed, HoursRules.Format(done.Hours), done.Absent))
            + (done.Changed == 0 ? L["hours.activity.unchanged"] : "")
            + (paged && done.Open == 0 ? L["hours.activity.allDone"] : "");
        // After a page, the next one: where the liaison continues with the attendance sheet.
        var next = paged && page < ActivityConfirmationFlow.PageCount(seats) - 1 ? page + 1 : page;
        var result = TurnResult.Replace(await flow.CardAsync(L, project, viewer, null, null, message, cancellationToken, next).ConfigureAwait(false));
        foreach (var r in done.Rejected)
        {
            result.Notify(r.VolunteerAadObjectId, rl => rl.Format("hours.notify.rejected", r.ProjectTitle, rl.Date(r.Date), HoursRules.Format(r.Hours), r.RejectReason ?? ""),
                $"hours-rejected-{r.VolunteerAadObjectId}-{r.Id}-{r.Revision}");
        }

        return result;
    }
}

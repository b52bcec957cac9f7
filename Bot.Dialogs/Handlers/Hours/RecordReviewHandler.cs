using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Hours;

/// <summary>
/// Review one self-logged record (e.g. community service, which has no activity card): confirm it with hours and
/// quality, or reject it with a reason — the volunteer is told. Only the volunteer's own liaison, a liaison of the
/// organising division or the committee may decide, and never on their own record.
/// </summary>
public sealed class RecordReviewHandler(HoursContext context, IServiceRecordStore records, IPointsRulesStore rules) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, [], HoursVerbs.ReviewOpen, HoursVerbs.ReviewConfirm, HoursVerbs.ReviewReject).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var volunteer = turn.Data.Get(HoursAdminCards.Volunteer);
        var recordId = turn.Data.Get(HoursAdminCards.RecordId);
        var record = volunteer is null || recordId is null ? null : await records.GetAsync(volunteer, recordId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return TurnResult.Replace(NoticeCards.Notice(L["hours.review.missing"], L["hours.activity.missingHint"]));
        }

        if (!RecordRules.MayDecide(record, turn.User.AadObjectId, turn.Roles.IsCommittee, turn.Roles.LiaisonOfDivisions))
        {
            var own = string.Equals(record.VolunteerAadObjectId, turn.User.AadObjectId, StringComparison.OrdinalIgnoreCase);
            return TurnResult.Replace(NoticeCards.Notice(L["hours.review.title"], own ? L["hours.review.own"] : L["hours.activity.notYoursHint"]));
        }

        if (turn.Verb == HoursVerbs.ReviewOpen)
        {
            return TurnResult.Replace(HoursAdminCards.Review(L, record, CardData.Empty));
        }

        var actor = await context.ActorAsync(turn, cancellationToken).ConfigureAwait(false);
        var now = context.Now;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (turn.Verb == HoursVerbs.ReviewReject)
        {
            var reason = turn.Data.Get(HoursAdminCards.Reason);
            if (reason is null || reason.Length > HoursRules.ReasonMax)
            {
                errors[HoursAdminCards.Reason] = "hours.error.reason";
                return TurnResult.Replace(HoursAdminCards.Review(L, record, turn.Data, errors));
            }

            var write = await records.ApplyAsync(record.VolunteerAadObjectId, record.Id, before => before is null ? null : RecordRules.Reject(before, reason, actor, now), cancellationToken).ConfigureAwait(false);
            var after = write.After ?? record;
            var result = TurnResult.Replace(HoursAdminCards.Review(L, after, CardData.Empty, message: L["hours.review.rejected"]));
            if (write.Changed)
            {
                result.Notify(after.VolunteerAadObjectId, rl => rl.Format("hours.notify.rejected", after.ProjectTitle, rl.Date(after.Date), HoursRules.Format(after.Hours), reason),
                    $"hours-rejected-{after.VolunteerAadObjectId}-{after.Id}-{after.Revision}");
            }

            return result;
        }

        var hours = HoursRules.Parse(turn.Data.Get(HoursCards.HoursField));
        if (HoursRules.CheckHours(hours) is { } hoursError)
        {
            errors[HoursCards.HoursField] = hoursError;
            return TurnResult.Replace(HoursAdminCards.Review(L, record, turn.Data, errors));
        }

        var sameDay = (await records.ListByVolunteerAsync(record.VolunteerAadObjectId, record.Date, cancellationToken).ConfigureAwait(false)).Where(r => r.Date == record.Date);
        if (!HoursRules.FitsDay(hours!.Value, sameDay, record.Id))
        {
            errors[HoursCards.HoursField] = "hours.error.hours.day";
            return TurnResult.Replace(HoursAdminCards.Review(L, record, turn.Data, errors));
        }

        var quality = HoursContext.ParseQuality(turn.Data.Get(HoursAdminCards.Quality)) ?? ServiceQuality.Fair;
        var points = await rules.GetAsync(cancellationToken).ConfigureAwait(false);
        var confirmed = await records.ApplyAsync(record.VolunteerAadObjectId, record.Id,
            before => before is null ? null : RecordRules.Confirm(before, hours.Value, quality, points, actor, now), cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(HoursAdminCards.Review(L, confirmed.After ?? record, CardData.Empty, message: L["hours.review.confirmed"]));
    }
}

using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>
/// The reply from the feedback card: stored once (the first reply wins), delivered to the volunteer
/// proactively, and the card turns into "answered by …" in place. The committee answers anything; a liaison
/// answers requests for help from their own division.
/// </summary>
public sealed class FeedbackReplyHandler(
    IFeedbackStore feedback,
    IDivisionStore divisions,
    TimeProvider time,
    IOptions<VolunteeringOptions> options) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, [], TeamVerbs.FeedbackReply).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var volunteerId = turn.Data.Get(TeamFeedbackCards.VolunteerKey);
        var id = turn.Data.Get(TeamFeedbackCards.IdKey);
        var item = volunteerId is null || id is null ? null : await feedback.GetAsync(volunteerId, id, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return TurnResult.Replace(RefusalCards.Card(L, L["team.feedback.notFound"]));
        }

        var allowed = turn.Roles.IsCommittee
            || (item.Kind == FeedbackKind.HelpRequest && item.DivisionId is not null && turn.Roles.IsLiaisonOf(item.DivisionId));
        if (!allowed)
        {
            return TurnResult.Replace(RefusalCards.Card(L, L["team.feedback.replyRefusal"]));
        }

        var division = item.DivisionId is null ? null : await divisions.GetAsync(item.DivisionId, cancellationToken).ConfigureAwait(false);
        var sentAt = TeamClock.Format(L, item.CreatedAt, options.Value);
        if (item.IsAnswered)
        {
            return TurnResult.Replace(Answered(L, item, division, sentAt, L.Format("team.feedback.alreadyAnswered", item.RepliedByName)));
        }

        if (TeamInputText.CheckText(L, turn.Data.Raw(TeamFeedbackCards.ReplyKey)) is { } error)
        {
            return TurnResult.Replace(TeamFeedbackCards.Incoming(L, item, division?.Name, sentAt, turn.Data.Raw(TeamFeedbackCards.ReplyKey), error));
        }

        var replied = await feedback.ReplyAsync(item.AadObjectId, item.Id, turn.Data.Get(TeamFeedbackCards.ReplyKey)!, turn.User.AadObjectId,
            turn.User.Name, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (replied is null)
        {
            return TurnResult.Replace(RefusalCards.Card(L, L["team.feedback.notFound"]));
        }

        if (!replied.Replied)
        {
            return TurnResult.Replace(Answered(L, replied.Feedback, division, sentAt, L.Format("team.feedback.alreadyAnswered", replied.Feedback.RepliedByName)));
        }

        var result = TurnResult.Replace(Answered(L, replied.Feedback, division, sentAt, null));
        result.Notify(item.AadObjectId, volunteerL => TeamFeedbackCards.ReplyToVolunteer(volunteerL, replied.Feedback, TeamClock.Format(volunteerL, replied.Feedback.RepliedAt!.Value, options.Value)),
            $"feedback.reply:{item.Id}");
        return result;
    }

    private AdaptiveCard Answered(Localization.Localizer L, Feedback f, Division? division, string sentAt, string? notice) =>
        TeamFeedbackCards.Answered(L, f, division?.Name, sentAt, f.RepliedAt is { } at ? TeamClock.Format(L, at, options.Value) : "", notice);
}

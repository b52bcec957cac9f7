using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>
/// 意见建议 / suggestion and 求助 / help request (R12): a volunteer writes; the item is stored and delivered
/// as a card to every committee member and, for a request for help, to the volunteer's division liaisons.
/// </summary>
public sealed partial class FeedbackHandler(
    IFeedbackStore feedback,
    IVolunteerStore volunteers,
    IDivisionStore divisions,
    TimeProvider time,
    IOptions<VolunteeringOptions> options,
    CommitteeDirectory? committee = null) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["意见建议", "意见", "建议", "suggestion", "求助", "help request"],
        TeamVerbs.FeedbackOpen, TeamVerbs.FeedbackSubmit).PersonalOnly().RateLimited("feedback");

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var kind = KindOf(turn);
        if (turn.Verb != TeamVerbs.FeedbackSubmit)
        {
            return TurnResult.Replace(TeamFeedbackCards.Form(turn.L, kind, NewId(), turn.Arguments));
        }

        var id = turn.Data.Get(TeamFeedbackCards.IdKey) is { } given && IdPattern().IsMatch(given) ? given : NewId();
        if (TeamInputText.CheckText(turn.L, turn.Data.Raw(TeamFeedbackCards.TextKey)) is { } error)
        {
            return TurnResult.Replace(TeamFeedbackCards.Form(turn.L, kind, id, turn.Data.Raw(TeamFeedbackCards.TextKey), error));
        }

        var volunteer = await volunteers.GetAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        var item = new Feedback
        {
            Id = id,
            AadObjectId = turn.User.AadObjectId,
            Name = volunteer?.Name ?? turn.User.Name,
            DivisionId = volunteer?.DivisionId,
            Kind = kind,
            Text = turn.Data.Get(TeamFeedbackCards.TextKey)!,
            CreatedAt = time.GetUtcNow(),
        };
        var added = await feedback.AddAsync(item, cancellationToken).ConfigureAwait(false);
        var result = TurnResult.Replace(TeamFeedbackCards.Sent(turn.L, added.Feedback));
        if (!added.Created)
        {
            // A double tap: stored once, delivered once.
            return result;
        }

        var division = item.DivisionId is null ? null : await divisions.GetAsync(item.DivisionId, cancellationToken).ConfigureAwait(false);
        var recipients = (committee is null ? options.Value.CommitteeAadObjectIds : await committee.AllIdsAsync(cancellationToken).ConfigureAwait(false)).AsEnumerable();
        if (kind == FeedbackKind.HelpRequest && division is not null)
        {
            recipients = recipients.Concat(division.LiaisonAadObjectIds);
        }

        foreach (var recipient in recipients.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            result.Notify(recipient, L => TeamFeedbackCards.Incoming(L, item, division?.Name, TeamClock.Format(L, item.CreatedAt, options.Value)), $"feedback:{item.Id}:{recipient}");
        }

        return result;
    }

    private static FeedbackKind KindOf(Turn turn)
    {
        if (turn.Data.Get(TeamFeedbackCards.KindKey) is { } kind)
        {
            return kind == TeamFeedbackCards.HelpKind ? FeedbackKind.HelpRequest : FeedbackKind.Suggestion;
        }

        var text = TurnRouter.Normalize(turn.Text);
        return text.StartsWith("求助", StringComparison.Ordinal) || text.StartsWith("help request", StringComparison.Ordinal)
            ? FeedbackKind.HelpRequest
            : FeedbackKind.Suggestion;
    }

    private static string NewId() => Guid.NewGuid().ToString("N");

    [GeneratedRegex("^[0-9a-f]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}

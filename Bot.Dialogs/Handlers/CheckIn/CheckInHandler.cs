using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.CheckIn;

/// <summary>
/// 签到 &lt;code&gt;: typed, from the QR code's deep link (which types it), or from the shared card's 签到 button. The person is
/// always the one who sent the activity. The answer (已签到 with the time and a 签退 button, or what went wrong and what to
/// do) goes to personal chat: in place there, and as a personal message when the shared card in a group or channel was used.
/// </summary>
public sealed class CheckInHandler(CheckInFlow flow) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["签到", "check in", "check-in", "checkin"], CheckInVerbs.Code);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var ctx = flow.Context;
        var typed = turn.Verb == CheckInVerbs.Code ? turn.Data.Raw(CheckInCards.Code) : turn.Arguments;
        var projectId = turn.Data.Get(CheckInCards.ProjectId);
        if (string.IsNullOrWhiteSpace(typed))
        {
            return Personal(turn, CheckInCards.Ask(L, projectId, null, turn.IsInvoke ? L["checkin.ask.required"] : null), null);
        }

        var volunteer = await ctx.Volunteers.GetAsync(turn.User.AadObjectId, cancellationToken).ConfigureAwait(false);
        if (volunteer is null)
        {
            return Personal(turn, CheckInCards.NotRegistered(L), null);
        }

        var o = await flow.CheckInAsync(volunteer, typed, cancellationToken).ConfigureAwait(false);
        var zone = ctx.Zone;
        var title = o.Project is null ? "" : CheckInCards.Escape(o.Project.Title);
        var card = o.Status switch
        {
            CheckInStatus.CheckedIn => CheckInCards.CheckedIn(L, o.Attendance!, zone, already: false),
            CheckInStatus.AlreadyCheckedIn => CheckInCards.CheckedIn(L, o.Attendance!, zone, already: true),
            CheckInStatus.BadFormat => CheckInCards.Ask(L, projectId, typed, L["checkin.error.format"]),
            CheckInStatus.WrongCode => CheckInCards.Ask(L, projectId, typed, L.Format("checkin.error.wrong", o.TriesLeft)),
            CheckInStatus.Blocked => CheckInCards.Message(L["checkin.error.title"], L.Format("checkin.error.blocked", CheckInCards.Time(L, o.Until!.Value, zone))),
            CheckInStatus.TooEarly => CheckInCards.Message(L["checkin.error.title"], L.Format("checkin.error.tooEarly", title, CheckInCards.DateTime(L, o.Until!.Value, zone))),
            CheckInStatus.Closed => CheckInCards.Message(L["checkin.error.title"], L.Format("checkin.error.closed", title)),
            CheckInStatus.OtherDivision => CheckInCards.Message(L["checkin.error.title"], L.Format("checkin.error.otherDivision", title)),
            CheckInStatus.Overlap => CheckInCards.Overlap(L, o.Other!.ProjectId, o.Other.ProjectTitle, o.Other.ProjectEnd, zone),
            _ => CheckInCards.Message(L["checkin.error.title"], L.Format("checkin.error.notGoingAhead", title)),
        };
        var dedupe = o.Status == CheckInStatus.CheckedIn ? $"checkin:{o.Project!.Id}:{turn.User.AadObjectId}" : null;
        return Personal(turn, card, dedupe);
    }

    /// <summary>In personal chat: the answer in place. Elsewhere: the answer in personal chat, and a pointer to it.</summary>
    internal static TurnResult Personal(Turn turn, AdaptiveCard card, string? dedupeKey)
    {
        if (turn.Kind == ConversationKind.Personal)
        {
            return TurnResult.Answer(turn, card);
        }

        var result = new TurnResult().Notify(turn.User.AadObjectId, _ => card, dedupeKey); // to the actor themselves: already in their language
        return turn.IsInvoke ? result : result.AddText(turn.L["checkin.group.sent"]);
    }
}

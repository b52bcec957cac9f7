using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.CheckIn;

/// <summary>
/// 签退: the button on the 已签到 card (or typed, for the activity the person is checked in at now). Records the time out
/// once and turns the attendance into one pending service record from the clock; a second tap changes nothing.
/// </summary>
public sealed class CheckOutHandler(CheckInFlow flow) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["签退", "check out", "check-out", "checkout"], CheckInVerbs.Out);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var o = await flow.CheckOutAsync(turn.User.AadObjectId, turn.Data.Get(CheckInCards.ProjectId), cancellationToken).ConfigureAwait(false);
        var zone = flow.Context.Zone;
        var card = o.Status switch
        {
            CheckOutStatus.NotCheckedIn => CheckInCards.Message(L["checkin.out.none.title"], L["checkin.out.none"]),
            CheckOutStatus.CheckedOut => CheckInCards.CheckedOut(L, o.Attendance!, o.Record, zone, L["checkin.out.title"]),
            CheckOutStatus.AlreadyCheckedOut => CheckInCards.CheckedOut(L, o.Attendance!, o.Record, zone, L["checkin.out.already"]),
            _ => CheckInCards.CheckedOut(L, o.Attendance!, o.Record, zone, L["checkin.out.tooLate"]),
        };
        var dedupe = o.Status == CheckOutStatus.CheckedOut ? $"checkout:{o.Project!.Id}:{turn.User.AadObjectId}" : null;
        return CheckInHandler.Personal(turn, card, dedupe);
    }
}

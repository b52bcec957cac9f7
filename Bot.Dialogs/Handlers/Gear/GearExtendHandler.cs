using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Handlers.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Gear;

/// <summary>
/// 申请延期 / more time for gear (R4, liaison of the loan's division): moves the due day of gear still out by up to 14
/// days, with a reason; the committee is told in each member's language. Reached from the overdue nudge card.
/// </summary>
public sealed class GearExtendHandler(GearContext gear, CommitteeDirectory committee) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, [], GearNudgeCards.ExtendOpenVerb, GearNudgeCards.ExtendSubmitVerb).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var loan = await gear.Store.GetLoanAsync(turn.Data.Get(GearCards.LoanId) ?? "", cancellationToken).ConfigureAwait(false);
        if (loan is null)
        {
            return GearContext.Refuse(turn, L["gear.error.noLoan"]);
        }

        if (!turn.Roles.IsLiaisonOf(loan.DivisionId) && loan.RequestedByAadObjectId != turn.User.AadObjectId)
        {
            return GearContext.Refuse(turn, L["gear.error.otherDivision"]);
        }

        if (loan.Status != GearLoanStatus.HandedOver)
        {
            return GearContext.Refuse(turn, L["gearNudge.error.notOut"]);
        }

        var status = gear.Assess(loan);
        if (turn.Verb != GearNudgeCards.ExtendSubmitVerb)
        {
            return TurnResult.Replace(GearNudgeCards.ExtendForm(L, status, null, null));
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var newDue = turn.Data.GetDate(GearNudgeCards.NewDue);
        if (newDue is null || !GearRules.IsValidExtension(status.DueOn, gear.Today, newDue.Value))
        {
            errors[GearNudgeCards.NewDue] = L["gearNudge.error.date"];
        }

        var reason = turn.Data.Get(GearNudgeCards.Reason);
        if (reason is null || reason.Length > GearNudgeCards.ReasonMax || reason.Any(char.IsControl))
        {
            errors[GearNudgeCards.Reason] = L["gearNudge.error.reason"];
        }

        if (errors.Count > 0)
        {
            return TurnResult.Replace(GearNudgeCards.ExtendForm(L, status, turn.Data.Raw(GearNudgeCards.NewDue), turn.Data.Raw(GearNudgeCards.Reason), errors));
        }

        var change = await gear.Store.UpdateLoanAsync(loan.Id, l => GearRules.Extend(l, newDue!.Value, reason!, turn.User.Name, gear.Now), cancellationToken).ConfigureAwait(false);
        if (!change.Succeeded)
        {
            return GearContext.Refuse(turn, L["gearNudge.error.notOut"]);
        }

        var result = TurnResult.Replace(GearNudgeCards.Extended(L, change.After!, newDue!.Value));
        if (change.Changed)
        {
            var names = await gear.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
            foreach (var member in await committee.AllIdsAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Notify(member, ML => GearNudgeCards.ExtendedForCommittee(ML, change.After!, names(loan.DivisionId), newDue.Value, gear.Format(ML)),
                    $"gear-{loan.Id}-extended-{newDue.Value:yyyyMMdd}-{member}");
            }
        }

        return result;
    }
}

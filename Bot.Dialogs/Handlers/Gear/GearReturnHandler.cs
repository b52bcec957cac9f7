using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Gear;

/// <summary>
/// 归还装备 / return gear (liaison): the division's requests and loans; the liaison reports gear returned (the committee
/// then confirms receipt) or withdraws a request not yet handed over. Only loans of the liaison's own divisions.
/// </summary>
public sealed class GearReturnHandler(GearContext gear) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, ["归还装备", "return gear", "我的装备", "my gear"],
        GearVerbs.ReturnShow, GearVerbs.ReturnReport, GearVerbs.RequestCancel).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        string? notice = null;
        if (turn.Verb is GearVerbs.ReturnReport or GearVerbs.RequestCancel)
        {
            var loanId = turn.Data.Get(GearCards.LoanId) ?? "";
            var loan = await gear.Store.GetLoanAsync(loanId, cancellationToken).ConfigureAwait(false);
            if (loan is null)
            {
                return GearContext.Refuse(turn, L["gear.error.noLoan"]);
            }

            if (!turn.Roles.IsLiaisonOf(loan.DivisionId))
            {
                return GearContext.Refuse(turn, L["gear.error.otherDivision"]);
            }

            var report = turn.Verb == GearVerbs.ReturnReport;
            var change = await gear.Store.UpdateLoanAsync(loanId, l => report
                ? GearRules.ReportReturn(l, turn.User.AadObjectId, turn.User.Name, gear.Now)
                : GearRules.Release(l, byCommittee: false, turn.User.AadObjectId, turn.User.Name, null, gear.Now), cancellationToken).ConfigureAwait(false);
            if (!change.Succeeded)
            {
                var names0 = await gear.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
                return TurnResult.Replace(GearCards.Done(L, L.Format("gear.error.state", GearCards.StatusName(L, change.Before!.Status)), change.Before!, names0(loan.DivisionId), gear.Format(L), good: false));
            }

            notice = report ? L["gear.return.reported"] : L["gear.request.cancelled"];
            var result = await ShowAsync(turn, notice, cancellationToken).ConfigureAwait(false);
            if (change.Changed)
            {
                var names = await gear.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
                foreach (var member in await gear.CommitteeAsync(cancellationToken).ConfigureAwait(false))
                {
                    result.Notify(member, ML =>
                    {
                        var headline = report ? ML["gear.notify.returned"] : ML["gear.notify.cancelled"];
                        return report ? GearCards.ForCommittee(ML, headline, change.After!, names(loan.DivisionId), gear.Format(ML))
                            : GearCards.Cancelled(ML, headline, change.After!, names(loan.DivisionId), gear.Format(ML));
                    }, $"gear:{loan.Id}:{change.After!.Status}:{member}");
                }
            }

            return result;
        }

        return await ShowAsync(turn, notice, cancellationToken).ConfigureAwait(false);
    }

    private async Task<TurnResult> ShowAsync(Turn turn, string? notice, CancellationToken ct)
    {
        var open = await gear.Store.ListOpenAsync(ct).ConfigureAwait(false);
        var mine = open.Where(l => turn.Roles.LiaisonOfDivisions.Contains(l.DivisionId) || (turn.Roles.IsCommittee && l.RequestedByAadObjectId == turn.User.AadObjectId)).ToList();
        var outstanding = mine.Where(l => l.IsOut).Select(gear.Assess).OrderByDescending(o => o.IsOverdue).ThenBy(o => o.DueOn).ToList();
        var requested = mine.Where(l => l.Status == GearLoanStatus.Requested).ToList();
        return TurnResult.Replace(GearCards.Mine(turn.L, outstanding, requested, gear.Format(turn.L), notice));
    }
}

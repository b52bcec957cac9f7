using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Gear;

/// <summary>
/// The committee's steps on a loan: hand the reserved gear over (领取) or decline the request; confirm receipt after
/// the activity (归还销号) with what was lost or damaged. The liaison is told each time.
/// </summary>
public sealed class GearHandOverHandler(GearContext gear) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, [],
        GearVerbs.HandOver, GearVerbs.Decline, GearVerbs.ReceiveOpen, GearVerbs.ReceiveSubmit).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var loanId = turn.Data.Get(GearCards.LoanId) ?? "";
        var loan = await gear.Store.GetLoanAsync(loanId, cancellationToken).ConfigureAwait(false);
        if (loan is null)
        {
            return GearContext.Refuse(turn, L["gear.error.noLoan"]);
        }

        var names = await gear.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        var division = names(loan.DivisionId);
        var who = turn.User;
        GearLoanChange change;
        string headline;
        switch (turn.Verb)
        {
            case GearVerbs.HandOver:
                change = await gear.Store.UpdateLoanAsync(loanId, l => GearRules.HandOver(l, who.AadObjectId, who.Name, gear.Now), cancellationToken).ConfigureAwait(false);
                headline = L["gear.handedOver"];
                break;
            case GearVerbs.Decline:
                change = await gear.Store.UpdateLoanAsync(loanId, l => GearRules.Release(l, byCommittee: true, who.AadObjectId, who.Name, null, gear.Now), cancellationToken).ConfigureAwait(false);
                headline = L["gear.declined"];
                break;
            case GearVerbs.ReceiveOpen:
                return TurnResult.Replace(loan.IsOut
                    ? GearCards.ReceiveForm(L, loan, division, gear.Format(L))
                    : GearCards.Done(L, L.Format("gear.error.state", GearCards.StatusName(L, loan.Status)), loan, division, gear.Format(L), good: loan.Status == GearLoanStatus.Returned));
            default:
                var errors = new GearCards.Errors();
                var losses = new Dictionary<string, (int, int)>(StringComparer.Ordinal);
                foreach (var line in loan.Lines)
                {
                    var (lost, e1) = GearInput.Count(L, turn.Data, GearCards.LostPrefix + line.ItemId, line.Quantity, required: false);
                    var (damaged, e2) = GearInput.Count(L, turn.Data, GearCards.DamagedPrefix + line.ItemId, line.Quantity, required: false);
                    if (e1 is not null)
                    {
                        errors[GearCards.LostPrefix + line.ItemId] = e1;
                    }

                    if (e2 is not null)
                    {
                        errors[GearCards.DamagedPrefix + line.ItemId] = e2;
                    }

                    if (e1 is null && e2 is null && lost + damaged > line.Quantity)
                    {
                        errors[GearCards.DamagedPrefix + line.ItemId] = L.Format("gear.error.moreThanOut", line.Quantity);
                    }

                    losses[line.ItemId] = (lost ?? 0, damaged ?? 0);
                }

                var note = turn.Data.Get(GearCards.Note);
                if (note is { Length: > GearInput.NoteMax })
                {
                    errors[GearCards.Note] = L.Format("gear.error.noteTooLong", GearInput.NoteMax);
                }

                if (errors.Count > 0)
                {
                    return TurnResult.Replace(GearCards.ReceiveForm(L, loan, division, gear.Format(L), turn.Data, errors));
                }

                change = await gear.Store.UpdateLoanAsync(loanId, l => GearRules.Receive(l, losses, who.AadObjectId, who.Name, note, gear.Now), cancellationToken).ConfigureAwait(false);
                headline = L["gear.received"];
                break;
        }

        if (!change.Succeeded)
        {
            var current = change.Before ?? loan;
            return TurnResult.Replace(GearCards.Done(L, L.Format("gear.error.state", GearCards.StatusName(L, current.Status)), current, division, gear.Format(L), good: false));
        }

        var result = TurnResult.Replace(GearCards.Done(L, headline, change.After!, division, gear.Format(L)));
        if (change.Changed)
        {
            var to = change.After!.RequestedByAadObjectId;
            var key = "gear.notify.liaison." + change.After.Status;
            var after = change.After;
            result.Notify(to, TL => GearCards.LiaisonNotice(TL, key, after, division, gear.Format(TL)), $"gear:{loan.Id}:{change.After.Status}:liaison");
        }

        return result;
    }
}

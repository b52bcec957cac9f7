using System.Text.RegularExpressions;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Gear;

/// <summary>
/// 领取装备 / request gear (liaison): before an activity of their division the liaison asks for gear on one card.
/// The pieces are reserved at once (so two liaisons cannot both get the last vest) and the committee is told.
/// </summary>
public sealed partial class GearRequestHandler(GearContext gear, IProjectStore projects, ActivityFinder finder) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, ["领取装备", "申领装备", "request gear"], GearVerbs.RequestOpen, GearVerbs.RequestSubmit).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var candidates = (await finder.ForManagerAsync(turn.Roles, cancellationToken).ConfigureAwait(false))
            .Where(p => p.End > gear.Now && p.Status != ProjectStatus.Cancelled).OrderBy(p => p.Start).ToList();
        var items = (await gear.Store.ListItemsAsync(cancellationToken).ConfigureAwait(false)).ToList();
        var loanId = turn.Data.Get(GearCards.LoanId) is { } given && IdPattern().IsMatch(given) ? given : GearLoan.NewId();
        if (turn.Verb != GearVerbs.RequestSubmit)
        {
            return TurnResult.Replace(GearCards.RequestForm(L, loanId, candidates, items, p => gear.ProjectLabel(L, p)));
        }

        var errors = new GearCards.Errors();
        var project = turn.Data.Get(GearCards.ProjectId) is { } pid ? await projects.GetAsync(pid, cancellationToken).ConfigureAwait(false) : null;
        if (project is null)
        {
            errors[GearCards.ProjectId] = L["gear.error.chooseActivity"];
        }
        else if (!ActivityFinder.Manages(turn.Roles, project))
        {
            // Server-side division check: a liaison asks only for their own divisions' activities.
            return GearContext.Refuse(turn, L["gear.error.otherDivision"]);
        }
        else if (project.End <= gear.Now || !project.IsGoingAhead())
        {
            errors[GearCards.ProjectId] = L["gear.error.activityOver"];
        }

        var lines = new List<GearLine>();
        foreach (var item in items)
        {
            var key = GearCards.QuantityPrefix + item.Id;
            var (n, error) = GearInput.Count(L, turn.Data, key, GearInput.CountMax, required: false);
            if (error is not null)
            {
                errors[key] = error;
            }
            else if (n > item.Available)
            {
                errors[key] = L.Format("gear.error.short", item.Available);
            }
            else if (n > 0)
            {
                lines.Add(new GearLine(item.Id, item.Name, n.Value));
            }
        }

        var note = turn.Data.Get(GearCards.Note);
        if (note is { Length: > GearInput.NoteMax })
        {
            errors[GearCards.Note] = L.Format("gear.error.noteTooLong", GearInput.NoteMax);
        }

        string? top = lines.Count == 0 && errors.Count == 0 ? L["gear.error.nothing"] : null;
        if (errors.Count > 0 || top is not null)
        {
            return TurnResult.Replace(GearCards.RequestForm(L, loanId, candidates, items, p => gear.ProjectLabel(L, p), turn.Data, errors, top ?? L["gear.error.checkBelow"]));
        }

        var division = project!.AllDivisionIds.FirstOrDefault(turn.Roles.LiaisonOfDivisions.Contains) ?? project.DivisionId;
        var loan = new GearLoan
        {
            Id = loanId, ProjectId = project.Id, ProjectTitle = project.Title, ActivityEnd = project.End, DivisionId = division, Lines = lines,
            Status = GearLoanStatus.Requested, RequestedByAadObjectId = turn.User.AadObjectId, RequestedByName = turn.User.Name,
            RequestedAt = gear.Now, Note = note ?? "", UpdatedAt = gear.Now,
        };
        var stored = await gear.Store.RequestAsync(loan, cancellationToken).ConfigureAwait(false);
        if (stored.Error == GearError.Insufficient)
        {
            // Someone else took the last pieces between opening the card and sending it: show fresh counts.
            var fresh = await gear.Store.ListItemsAsync(cancellationToken).ConfigureAwait(false);
            var shortKey = GearCards.QuantityPrefix + stored.ItemId;
            var left = fresh.FirstOrDefault(i => i.Id == stored.ItemId)?.Available ?? 0;
            errors[shortKey] = L.Format("gear.error.short", left);
            return TurnResult.Replace(GearCards.RequestForm(L, loanId, candidates, fresh, p => gear.ProjectLabel(L, p), turn.Data, errors, L["gear.error.checkBelow"]));
        }

        var names = await gear.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        var result = TurnResult.Replace(GearCards.Done(L, L["gear.request.sent"], stored.After!, names(division), gear.Format(L)));
        if (stored.Before is not null)
        {
            return result; // a double tap: stored and announced once
        }

        foreach (var member in await gear.CommitteeAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Notify(member, ML => GearCards.ForCommittee(ML, ML["gear.notify.requested"], stored.After!, names(division), gear.Format(ML)), $"gear:{loan.Id}:requested:{member}");
        }

        return result;
    }

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex IdPattern();
}

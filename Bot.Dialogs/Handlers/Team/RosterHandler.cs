using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>
/// 本处室名册 / division roster: a liaison sees their own division (and only theirs); the committee sees any
/// division and, without one chosen, the overview of staff registered vs. not and missing community reports.
/// </summary>
public sealed class RosterHandler(IVolunteerStore volunteers, IDivisionStore divisions, IStaffStore staff) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, ["本处室名册", "处室名册", "division roster", "roster"], TeamVerbs.RosterShow).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var all = await divisions.ListAsync(includeArchived: true, cancellationToken).ConfigureAwait(false);
        var divisionId = turn.Data.Get(TeamDivisionCards.DivisionId)
            ?? all.FirstOrDefault(d => string.Equals(d.Name, turn.Arguments, StringComparison.OrdinalIgnoreCase))?.Id;

        if (divisionId is null)
        {
            if (turn.Roles.IsCommittee)
            {
                var staffList = (await staff.ListAsync(cancellationToken).ConfigureAwait(false)).Where(s => s.IsActive).ToList();
                var everyone = await volunteers.ListAllAsync(cancellationToken).ConfigureAwait(false);
                return TurnResult.Replace(TeamRosterCards.Overview(L, all.Where(d => !d.Archived).ToList(), staffList, everyone));
            }

            var own = all.Where(d => turn.Roles.LiaisonOfDivisions.Contains(d.Id)).ToList();
            if (own.Count != 1)
            {
                return TurnResult.Replace(TeamRosterCards.Chooser(L, L["team.roster.overviewTitle"], L["team.roster.chooseOwn"], own, TeamVerbs.RosterShow, L["team.roster.show"]));
            }

            divisionId = own[0].Id;
        }

        var division = all.FirstOrDefault(d => d.Id == divisionId);
        if (!turn.Roles.IsLiaisonOf(divisionId))
        {
            // A liaison of division A may not read division B's roster.
            var ownNames = L.List(all.Where(d => turn.Roles.LiaisonOfDivisions.Contains(d.Id)).Select(d => d.Name));
            return TurnResult.Replace(RefusalCards.Card(L, L.Format("team.roster.otherDivision", ownNames)));
        }

        if (division is null)
        {
            var choices = turn.Roles.IsCommittee ? all : all.Where(d => turn.Roles.LiaisonOfDivisions.Contains(d.Id)).ToList();
            return TurnResult.Replace(TeamRosterCards.Chooser(L, L["team.roster.overviewTitle"], null, choices, TeamVerbs.RosterShow, L["team.roster.show"], L["team.error.division"]));
        }

        var members = await volunteers.ListByDivisionAsync(division.Id, cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(TeamRosterCards.Division(L, division, members, turn.Roles.IsCommittee));
    }
}

using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>
/// 导入名册 / import roster (committee): reads every member of a team the app is installed in (all pages) into
/// the staff list. @mentioned in a team channel it imports that team; in a personal chat it asks which team.
/// </summary>
public sealed class StaffImportHandler(ITeamRosterSource roster, IStaffStore staff, IVolunteerStore volunteers, TimeProvider time) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["导入名册", "导入人员名册", "import roster", "import staff"], TeamVerbs.StaffImport); // runs in the team channel whose roster it reads; its answer holds counts only

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var teams = await roster.ListTeamsAsync(cancellationToken).ConfigureAwait(false);
        var teamId = turn.Data.Get(TeamStaffCards.TeamKey) ?? turn.TeamId;
        if (teamId is null)
        {
            return TurnResult.Replace(TeamStaffCards.ChooseTeam(L, teams));
        }

        var team = teams.FirstOrDefault(t => t.TeamId == teamId);
        if (team is null)
        {
            return TurnResult.Replace(TeamStaffCards.ChooseTeam(L, teams, L["team.staff.teamUnknown"]));
        }

        var members = await roster.GetMembersAsync(team.TeamId, cancellationToken).ConfigureAwait(false);
        var result = await staff.ImportAsync(team.TeamId, members, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var all = await staff.ListAsync(cancellationToken).ConfigureAwait(false);
        var registered = (await volunteers.ListAllAsync(cancellationToken).ConfigureAwait(false))
            .Select(v => v.AadObjectId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return TurnResult.Replace(TeamStaffCards.Imported(L, team.Name, result, all.Count, all.Count(s => registered.Contains(s.AadObjectId))));
    }
}

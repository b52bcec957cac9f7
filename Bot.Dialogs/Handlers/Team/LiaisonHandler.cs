using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>
/// 任命联络员 / appoint liaison (R2, committee only): pick a division, then appoint one of its registered
/// volunteers or remove a liaison. Appointing twice changes nothing; the appointee is told.
/// </summary>
public sealed class LiaisonHandler(IVolunteerStore volunteers, IDivisionStore divisions, LanguageResolver languages) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["任命联络员", "appoint liaison", "liaisons"],
        TeamVerbs.LiaisonOpen, TeamVerbs.LiaisonAppoint, TeamVerbs.LiaisonRemove).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var active = await divisions.ListAsync(includeArchived: false, cancellationToken).ConfigureAwait(false);
        var divisionId = turn.Data.Get(TeamDivisionCards.DivisionId)
            ?? active.FirstOrDefault(d => string.Equals(d.Name, turn.Arguments, StringComparison.OrdinalIgnoreCase))?.Id;
        var division = divisionId is null ? null : await divisions.GetAsync(divisionId, cancellationToken).ConfigureAwait(false);
        if (division is null)
        {
            return TurnResult.Replace(TeamRosterCards.Chooser(L, L["team.liaison.title"], L["team.liaison.intro"], active,
                TeamVerbs.LiaisonOpen, L["team.liaison.next"], divisionId is null && turn.Verb is null ? null : L["team.error.division"]));
        }

        var members = await volunteers.ListByDivisionAsync(division.Id, cancellationToken).ConfigureAwait(false);
        var result = new TurnResult();
        string? notice = null;
        string? error = null;
        if (turn.Verb == TeamVerbs.LiaisonAppoint)
        {
            var candidate = members.FirstOrDefault(m => m.AadObjectId == turn.Data.Get(TeamRosterCards.CandidateKey));
            if (candidate is null)
            {
                error = L["team.error.notMember"];
            }
            else
            {
                var change = await divisions.AddLiaisonAsync(division.Id, candidate.AadObjectId, cancellationToken).ConfigureAwait(false);
                var wasLiaison = division.IsLiaison(candidate.AadObjectId);
                division = change.Division ?? division;
                notice = L.Format("team.liaison.appointed", candidate.Name, division.Name);
                if (!wasLiaison)
                {
                    var theirs = Localizer.For(await languages.ResolveAsync(candidate.AadObjectId, cancellationToken).ConfigureAwait(false));
                    result.Notify(candidate.AadObjectId, theirs.Format("team.liaison.notice", candidate.Name, division.Name), $"liaison:{division.Id}:{candidate.AadObjectId}");
                }
            }
        }
        else if (turn.Verb == TeamVerbs.LiaisonRemove && turn.Data.Get(TeamRosterCards.LiaisonKey) is { } liaison)
        {
            var change = await divisions.RemoveLiaisonAsync(division.Id, liaison, cancellationToken).ConfigureAwait(false);
            division = change.Division ?? division;
            notice = L.Format("team.liaison.removed", await NameOfAsync(liaison, members, cancellationToken).ConfigureAwait(false), division.Name);
        }

        var current = new List<(string, string)>();
        foreach (var id in division.LiaisonAadObjectIds)
        {
            current.Add((id, await NameOfAsync(id, members, cancellationToken).ConfigureAwait(false)));
        }

        return result.WithCardUpdate(TeamRosterCards.Liaisons(L, division, members, current, notice, error));
    }

    private async Task<string> NameOfAsync(string aadObjectId, IReadOnlyList<Volunteer> members, CancellationToken ct) =>
        members.FirstOrDefault(m => m.AadObjectId == aadObjectId)?.Name
        ?? (await volunteers.GetAsync(aadObjectId, ct).ConfigureAwait(false))?.Name
        ?? aadObjectId;
}

using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Core;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>
/// 任命联络员 / appoint liaison (R2, committee only): pick a division, then appoint one of its registered
/// volunteers or remove a liaison. Appointing twice changes nothing; the appointee is told. Removing a division's last
/// liaison asks for confirmation first and then says the division has none (R2: at least one per division). Every
/// change goes to the audit trail.
/// </summary>
public sealed class LiaisonHandler(IVolunteerStore volunteers, IDivisionStore divisions, IAuditTrail? audit = null, TimeProvider? time = null) : ITurnHandler
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
                    await AuditAsync(turn, AuditActions.LiaisonAppointed, candidate.AadObjectId, $"{candidate.Name} → {division.Name}", cancellationToken).ConfigureAwait(false);
                    var appointedTo = division;
                    result.Notify(candidate.AadObjectId, theirs => theirs.Format("team.liaison.notice", candidate.Name, appointedTo.Name), $"liaison:{division.Id}:{candidate.AadObjectId}");
                }
            }
        }
        else if (turn.Verb == TeamVerbs.LiaisonRemove && turn.Data.Get(TeamRosterCards.LiaisonKey) is { } liaison)
        {
            var name = await NameOfAsync(liaison, members, cancellationToken).ConfigureAwait(false);
            var isLast = division.LiaisonAadObjectIds.Count == 1 && division.IsLiaison(liaison);
            if (isLast && !turn.Data.GetBool(ConfirmKey))
            {
                return TurnResult.Replace(TeamRosterCards.RemoveLastLiaison(L, division, liaison, name));
            }

            var wasLiaison = division.IsLiaison(liaison);
            var change = await divisions.RemoveLiaisonAsync(division.Id, liaison, cancellationToken).ConfigureAwait(false);
            division = change.Division ?? division;
            notice = L.Format("team.liaison.removed", name, division.Name);
            if (division.LiaisonAadObjectIds.Count == 0)
            {
                notice += " " + L.Format("liaison.removedNone", division.Name);
            }

            if (wasLiaison)
            {
                await AuditAsync(turn, AuditActions.LiaisonRemoved, liaison, $"{name} ← {division.Name}", cancellationToken).ConfigureAwait(false);
            }
        }

        var current = new List<(string, string)>();
        foreach (var id in division.LiaisonAadObjectIds)
        {
            current.Add((id, await NameOfAsync(id, members, cancellationToken).ConfigureAwait(false)));
        }

        return result.WithCardUpdate(TeamRosterCards.Liaisons(L, division, members, current, notice, error));
    }

    /// <summary>Card data flag: the committee confirmed removing a division's last liaison.</summary>
    public const string ConfirmKey = TeamRosterCards.ConfirmLastKey;

    private async Task AuditAsync(Turn turn, string action, string target, string detail, CancellationToken ct)
    {
        if (audit is not null)
        {
            await audit.AddAsync(new AuditEvent((time ?? TimeProvider.System).GetUtcNow(), turn.User.AadObjectId, turn.User.Name, action, target, detail), ct).ConfigureAwait(false);
        }
    }

    private async Task<string> NameOfAsync(string aadObjectId, IReadOnlyList<Volunteer> members, CancellationToken ct) =>
        members.FirstOrDefault(m => m.AadObjectId == aadObjectId)?.Name
        ?? (await volunteers.GetAsync(aadObjectId, ct).ConfigureAwait(false))?.Name
        ?? aadObjectId;
}

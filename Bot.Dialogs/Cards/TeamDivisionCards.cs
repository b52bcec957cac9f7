using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>The committee's division management card (R2): create (several at once), rename, archive, restore.</summary>
public static class TeamDivisionCards
{
    /// <summary>Shared with the roster and liaison cards, so their buttons act on the chosen division.</summary>
    public const string DivisionId = "divisionId";
    public const string NewName = "newName";
    public const string NewDivisions = "newDivisions";

    public static AdaptiveCard Manage(Localizer L, IReadOnlyList<Division> all, CardData values, IReadOnlyList<string>? notices = null,
        IReadOnlyDictionary<string, string>? errors = null)
    {
        string? Err(string id) => errors is not null && errors.TryGetValue(id, out var e) ? e : null;
        var card = new AdaptiveCard().Title(L["team.divisions.title"]);
        foreach (var notice in notices ?? [])
        {
            card.Add(El.Text(notice, color: "Good"));
        }

        var active = all.Where(d => !d.Archived).ToList();
        var archived = all.Where(d => d.Archived).ToList();
        if (all.Count == 0)
        {
            card.Text(L["team.divisions.empty"]);
            card.Add(El.Actions(Act.Execute(L["team.divisions.seed"], TeamVerbs.DivisionsSeed, validate: false)));
        }

        var without = active.Where(d => d.LiaisonAadObjectIds.Count == 0).Select(d => d.Name).ToList();
        if (without.Count > 0)
        {
            card.Add(El.Text(L.Format("divisions.noLiaisonSummary", without.Count, L.List(without)), color: "Attention"));
        }

        foreach (var d in active)
        {
            card.Add(d.LiaisonAadObjectIds.Count == 0
                ? El.Text("⚠ " + L.Format("team.divisions.lineNoLiaison", d.Name), color: "Attention")
                : El.Text(L.Format("team.divisions.line", d.Name, d.LiaisonAadObjectIds.Count)));
        }

        if (archived.Count > 0)
        {
            card.Add(El.Text(L.Format("team.divisions.archivedLine", L.List(archived.Select(d => d.Name))), subtle: true, size: "Small"));
        }

        if (all.Count > 0)
        {
            var choices = active.Select(d => (d.Name, d.Id)).Concat(archived.Select(d => (d.Name + L["team.divisions.archivedSuffix"], d.Id)));
            card.Add(El.Container(
            [
                El.Choices(DivisionId, L["team.divisions.select"], choices, values.Raw(DivisionId), error: Err(DivisionId)),
                El.TextInput(NewName, L["team.divisions.newName"], values.Raw(NewName), maxLength: TeamInput.DivisionNameMax, error: Err(NewName)),
                El.Actions(
                    Act.Execute(L["team.divisions.rename"], TeamVerbs.DivisionsRename),
                    Act.Execute(L["team.divisions.archive"], TeamVerbs.DivisionsArchive),
                    Act.Execute(L["team.divisions.restore"], TeamVerbs.DivisionsRestore)),
                El.Actions(
                    Act.Execute(L["team.divisions.roster"], TeamVerbs.RosterShow),
                    Act.Execute(L["team.divisions.liaisons"], TeamVerbs.LiaisonOpen)),
            ], separator: true));
        }

        card.Add(El.Container(
        [
            El.TextInput(NewDivisions, L["team.divisions.createLabel"], values.Raw(NewDivisions), multiline: true, maxLength: 1000, error: Err(NewDivisions)),
            El.Actions(Act.Execute(L["team.divisions.createButton"], TeamVerbs.DivisionsCreate, style: "positive")),
        ], separator: true));
        return card;
    }
}

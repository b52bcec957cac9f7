using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Team;

/// <summary>
/// 处室管理 / divisions (R2, committee only): create divisions (several at once, or the seed's five when none
/// exist), rename, archive and restore. Names are unique; creating an existing name is reported, not duplicated.
/// </summary>
public sealed class DivisionsHandler(IDivisionStore divisions, TimeProvider time) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["处室管理", "divisions", "manage divisions"],
        TeamVerbs.DivisionsShow, TeamVerbs.DivisionsCreate, TeamVerbs.DivisionsSeed,
        TeamVerbs.DivisionsRename, TeamVerbs.DivisionsArchive, TeamVerbs.DivisionsRestore);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var notices = new List<string>();
        var values = turn.Data;
        switch (turn.Verb)
        {
            case TeamVerbs.DivisionsCreate:
                await CreateAsync(L, TeamInput.SplitNames(values.Raw(TeamDivisionCards.NewDivisions)), notices, errors, cancellationToken).ConfigureAwait(false);
                break;
            case TeamVerbs.DivisionsSeed:
                await CreateAsync(L, DivisionNames.Seed, notices, errors, cancellationToken).ConfigureAwait(false);
                break;
            case TeamVerbs.DivisionsRename:
                await RenameAsync(L, values, notices, errors, cancellationToken).ConfigureAwait(false);
                break;
            case TeamVerbs.DivisionsArchive or TeamVerbs.DivisionsRestore:
                await ArchiveAsync(L, values, turn.Verb == TeamVerbs.DivisionsArchive, notices, errors, cancellationToken).ConfigureAwait(false);
                break;
        }

        if (errors.Count == 0 && notices.Count > 0)
        {
            // Done: clear the typed names so the next tap does not repeat the change.
            values = new CardData(new Dictionary<string, string> { [TeamDivisionCards.DivisionId] = values.Raw(TeamDivisionCards.DivisionId) });
        }

        var all = await divisions.ListAsync(includeArchived: true, cancellationToken).ConfigureAwait(false);
        return TurnResult.Replace(TeamDivisionCards.Manage(L, all, values, notices, errors));
    }

    private async Task CreateAsync(Localizer L, IReadOnlyList<string> names, List<string> notices, Dictionary<string, string> errors, CancellationToken ct)
    {
        if (names.Count == 0)
        {
            errors[TeamDivisionCards.NewDivisions] = L["team.error.required"];
            return;
        }

        foreach (var name in names)
        {
            if (TeamInputText.CheckLine(L, name, TeamInput.DivisionNameMax) is { } error)
            {
                errors[TeamDivisionCards.NewDivisions] = $"“{Shorten(name)}”：{error}";
                return;
            }
        }

        var created = new List<string>();
        var skipped = new List<string>();
        foreach (var name in names)
        {
            var change = await divisions.CreateAsync(name, time.GetUtcNow(), ct).ConfigureAwait(false);
            (change.Succeeded ? created : skipped).Add(name);
        }

        if (created.Count > 0)
        {
            notices.Add(L.Format("team.divisions.created", L.List(created)));
        }

        if (skipped.Count > 0)
        {
            notices.Add(L.Format("team.divisions.skipped", L.List(skipped)));
        }
    }

    private async Task RenameAsync(Localizer L, CardData values, List<string> notices, Dictionary<string, string> errors, CancellationToken ct)
    {
        var selected = await SelectedAsync(L, values, errors, ct).ConfigureAwait(false);
        var newName = values.Get(TeamDivisionCards.NewName);
        if (TeamInputText.CheckLine(L, values.Raw(TeamDivisionCards.NewName), TeamInput.DivisionNameMax) is { } error)
        {
            errors[TeamDivisionCards.NewName] = error;
        }

        if (selected is null || errors.Count > 0)
        {
            return;
        }

        var change = await divisions.RenameAsync(selected.Id, newName!, ct).ConfigureAwait(false);
        if (change.Error == DivisionError.NameTaken)
        {
            errors[TeamDivisionCards.NewName] = L.Format("team.error.divisionNameTaken", newName);
        }
        else if (change.Error == DivisionError.NotFound)
        {
            errors[TeamDivisionCards.DivisionId] = L["team.error.divisionNotFound"];
        }
        else
        {
            notices.Add(L.Format("team.divisions.renamed", selected.Name, newName));
        }
    }

    private async Task ArchiveAsync(Localizer L, CardData values, bool archive, List<string> notices, Dictionary<string, string> errors, CancellationToken ct)
    {
        var selected = await SelectedAsync(L, values, errors, ct).ConfigureAwait(false);
        if (selected is null)
        {
            return;
        }

        var change = await divisions.SetArchivedAsync(selected.Id, archive, ct).ConfigureAwait(false);
        if (!change.Succeeded)
        {
            errors[TeamDivisionCards.DivisionId] = L["team.error.divisionNotFound"];
            return;
        }

        notices.Add(L.Format(archive ? "team.divisions.archived" : "team.divisions.restored", selected.Name));
    }

    private async Task<Division?> SelectedAsync(Localizer L, CardData values, Dictionary<string, string> errors, CancellationToken ct)
    {
        var id = values.Get(TeamDivisionCards.DivisionId);
        var division = id is null ? null : await divisions.GetAsync(id, ct).ConfigureAwait(false);
        if (division is null)
        {
            errors[TeamDivisionCards.DivisionId] = L["team.error.division"];
        }

        return division;
    }

    private static string Shorten(string s)
    {
        var visible = new string(s.Where(c => !char.IsControl(c)).ToArray());
        return visible.Length <= 12 ? visible : visible[..12] + "…";
    }
}

using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>A declaration number the committee typed that was refused: the project, what was typed and why.</summary>
public sealed record DeclarationRejected(string ProjectId, string? Typed, string? Error);

/// <summary>备案编号: the projects still without a declaration number, each with a field to fill it in.</summary>
public static class DeclarationCards
{
    /// <summary>The input of one project's declaration number.</summary>
    public static string Field(string projectId) => "number-" + projectId;

    public static AdaptiveCard Card(Localizer L, IReadOnlyList<Project> lacking, int maxShown, TimeZoneInfo zone, DateTimeOffset now,
        string? notice, DeclarationRejected? rejected)
    {
        var card = new AdaptiveCard().Title(L["projects.declaration.title"]);
        if (notice is not null)
        {
            card.Add(El.Text(notice, color: "Good", bold: true));
        }

        card.Text(lacking.Count == 0 ? L["projects.declaration.none"] : L.Format("projects.declaration.count", lacking.Count), subtle: true);
        foreach (var p in lacking.Take(maxShown))
        {
            var mine = rejected?.ProjectId == p.Id;
            card.Add(El.Container(
            [
                El.Text(p.Title, bold: true),
                El.Text(L.Joined(ProjectCards.When(L, p, zone), ProjectCards.Status(L, p, now)), subtle: true),
                El.TextInput(Field(p.Id), L["projects.field.declaration"], mine ? rejected!.Typed : null, L["projects.declaration.hint"],
                    maxLength: ProjectRules.DeclarationMax, error: mine ? rejected!.Error : null),
                El.Actions(Act.Execute(L["projects.declaration.save"], ProjectVerbs.Declare, Act.Data(("projectId", p.Id)))),
            ], separator: true));
        }

        return card;
    }
}

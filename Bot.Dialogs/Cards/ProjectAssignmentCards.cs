using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Dialogs.Cards;

/// <summary>指派项目: the card a division's liaisons answer (accept or question), and the committee's "assigned" card.</summary>
public static class ProjectAssignmentCards
{
    /// <summary>The answer card for one division's liaisons: pending → note with accept / question; answered → the outcome.</summary>
    public static AdaptiveCard Response(Localizer L, Project p, string divisionId, IReadOnlyDictionary<string, string> names, TimeZoneInfo zone, DateTimeOffset now, string? error, string? note)
    {
        var card = new AdaptiveCard()
            .Title(L.Format("projects.respond.title", p.Title))
            .Text(L.Format("projects.respond.intro", p.DecidedByName ?? "", names.GetValueOrDefault(divisionId, divisionId)))
            .Add(ProjectCards.Facts(L, p, names, zone));
        if (p.Description.Length > 0)
        {
            card.Text(p.Description);
        }

        var accepted = p.Responses.LastOrDefault(r => r.DivisionId == divisionId && r.Kind == DivisionResponseKind.Accepted);
        if (accepted is not null)
        {
            card.Add(El.Text(L.Format("projects.respond.accepted", accepted.ByName), bold: true, color: "Good"));
            card.Text(ProjectCards.Status(L, p, now), subtle: true);
            return card;
        }

        if (p.Status != ProjectStatus.Assigned)
        {
            card.Add(El.Text(ProjectCards.Status(L, p, now), bold: true));
            return card;
        }

        foreach (var q in p.Responses.Where(r => r.DivisionId == divisionId && r.Kind == DivisionResponseKind.Question))
        {
            card.Add(El.Text(L.Format("projects.respond.asked", q.ByName, q.Note), subtle: true));
        }

        card.Add(El.TextInput("note", L["projects.respond.note"], note, L["projects.respond.note.hint"], maxLength: ProjectRules.ReasonMax, multiline: true, error: error));
        var data = Act.Data(("projectId", p.Id), ("divisionId", divisionId));
        card.Action(Act.Execute(L["projects.respond.accept"], ProjectVerbs.Accept, data, style: "positive"));
        card.Action(Act.Execute(L["projects.respond.question"], ProjectVerbs.Question, Act.Data(("projectId", p.Id), ("divisionId", divisionId))));
        return card;
    }

    /// <summary>The committee's card once the project is assigned: the facts, and what happens next.</summary>
    public static AdaptiveCard Assigned(Localizer L, Project p, IReadOnlyDictionary<string, string> names, TimeZoneInfo zone) =>
        new AdaptiveCard().Title(L.Format("projects.assign.done", p.Title))
            .Add(ProjectCards.Facts(L, p, names, zone))
            .Text(L["projects.assign.doneNext"], subtle: true);
}

using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Handlers.Hours;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Honours;

/// <summary>
/// 特色项目 (committee, seed part 5.3): marks a project of the year featured, with a note, or withdraws the mark. The count per
/// division is the assessment credit shown in the digest (and left on DivisionStanding.FeaturedProjects for the dashboard).
/// </summary>
public sealed class FeaturedProjectsHandler(HoursContext context, IHonourStore honours, IAuditTrail audit) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["特色项目", "featured projects"], HonourCards.FeaturedShowVerb, HonourCards.FeaturedMarkVerb, HonourCards.FeaturedUnmarkVerb).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var year = context.Today.Year;
        var projects = (await context.Projects.ListByStatusAsync([ProjectStatus.Approved, ProjectStatus.Open, ProjectStatus.InProgress, ProjectStatus.Completed, ProjectStatus.Archived], cancellationToken).ConfigureAwait(false))
            .Where(p => context.LocalDate(p.Start).Year == year)
            .OrderByDescending(p => p.Start)
            .ToList();
        var names = await context.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        string? notice = null;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (turn.Verb == HonourCards.FeaturedMarkVerb)
        {
            var project = projects.FirstOrDefault(p => p.Id == turn.Data.Get(HonourCards.ProjectPick));
            var note = turn.Data.Get(HonourCards.Note);
            if (project is null)
            {
                errors[HonourCards.ProjectPick] = L["honours.error.project"];
            }

            if (note is null || note.Length > HonourCards.ReasonMax || note.Any(char.IsControl))
            {
                errors[HonourCards.Note] = L["honours.error.note"];
            }

            if (errors.Count == 0)
            {
                var actor = await context.ActorAsync(turn, cancellationToken).ConfigureAwait(false);
                await honours.SaveFeaturedAsync(new FeaturedProject(year, project!.Id, project.Title, [.. project.AllDivisionIds], note!, actor.Name, context.Now), cancellationToken).ConfigureAwait(false);
                await audit.AddAsync(new AuditEvent(context.Now, turn.User.AadObjectId, actor.Name, AuditActions.ProjectFeatured, project.Id, $"{project.Title}: {note}"), cancellationToken).ConfigureAwait(false);
                notice = L.Format("honours.featured.marked", project.Title);
            }
        }
        else if (turn.Verb == HonourCards.FeaturedUnmarkVerb && turn.Data.Get(HonourCards.Subject) is { } id)
        {
            if (await honours.RemoveFeaturedAsync(year, id, cancellationToken).ConfigureAwait(false))
            {
                await audit.AddAsync(new AuditEvent(context.Now, turn.User.AadObjectId, turn.User.Name, AuditActions.ProjectFeatured, id, "withdrawn"), cancellationToken).ConfigureAwait(false);
                notice = L["honours.featured.unmarked"];
            }
        }

        var featured = await honours.ListFeaturedAsync(year, cancellationToken).ConfigureAwait(false);
        var choices = projects.Select(p => (p.Id, $"{p.Title}（{L.List(p.AllDivisionIds.Select(d => names.GetValueOrDefault(d, d)))}，{L.Date(context.LocalDate(p.Start))}）")).ToList();
        var card = HonourCards.Featured(L, year, choices, featured, names, notice, errors);
        return turn.IsInvoke ? TurnResult.Replace(card) : TurnResult.Show(card);
    }
}

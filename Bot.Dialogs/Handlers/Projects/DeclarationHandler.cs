using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// 申报编号 / declaration (R10): approved projects still lacking their number in 全国志愿服务信息系统, each with a
/// field to enter it. "project.declare" saves one and shows the list again.
/// </summary>
public sealed class DeclarationHandler(ProjectContext ctx) : ITurnHandler
{
    public const int MaxShown = 10;

    public Route Route { get; } = Route.For(Role.Committee, ["申报编号", "declaration", "declarations"], ProjectVerbs.ProjectsDeclarations, ProjectVerbs.Declare).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        string? notice = null;
        string? errorFor = null;
        string? error = null;
        if (turn.Verb == ProjectVerbs.Declare && turn.Data.Get("projectId") is { } id)
        {
            var field = DeclarationCards.Field(id);
            var number = turn.Data.Get(field);
            error = number is null ? L["projects.error.declaration.missing"]
                : ProjectRules.Length(number) > ProjectRules.DeclarationMax || number.Any(char.IsControl) ? L["projects.error.declaration.long"] : null;
            if (error is not null)
            {
                errorFor = id;
            }
            else
            {
                var update = await ctx.Projects.UpdateAsync(id, p => ProjectLifecycle.Declare(p, number!, turn.User.AadObjectId, ctx.Now).Project, cancellationToken).ConfigureAwait(false);
                notice = update.After is { DeclarationNumber: { } saved } p2 && saved == number
                    ? L.Format("projects.declaration.saved", p2.Title, saved)
                    : L["projects.notFound"];
            }
        }

        var lacking = (await ctx.Projects.ListByStatusAsync([ProjectStatus.Approved, ProjectStatus.Open, ProjectStatus.InProgress, ProjectStatus.Completed], cancellationToken).ConfigureAwait(false))
            .Where(p => p.DeclarationNumber is null)
            .OrderBy(p => p.Start)
            .ToList();
        var rejected = errorFor is null ? null : new DeclarationRejected(errorFor, turn.Data.Raw(DeclarationCards.Field(errorFor)), error);
        return TurnResult.Answer(turn, DeclarationCards.Card(L, lacking, MaxShown, ctx.Zone, ctx.Now, notice, rejected));
    }
}

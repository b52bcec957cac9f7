using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>我的项目 / my projects: a liaison's division projects (a committee member's own division when they are no liaison) with status and sign-ups; returned ones can be edited, designated ones answered.</summary>
public sealed class MyProjectsHandler(ProjectContext ctx) : ITurnHandler
{
    public const int MaxShown = 10;

    public Route Route { get; } = Route.For(Role.Liaison, ["我的项目", "my projects"], ProjectVerbs.ProjectsDivision).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        // A committee member who is no division's liaison (the route lets the committee in) sees their own division's.
        var divisions = turn.Roles.LiaisonOfDivisions.Count > 0 ? turn.Roles.LiaisonOfDivisions.ToList()
            : turn.Roles.DivisionId is { } own ? [own] : [];
        var projects = new List<Project>();
        foreach (var d in divisions)
        {
            projects.AddRange(await ctx.Projects.ListByDivisionAsync(d, cancellationToken).ConfigureAwait(false));
        }

        var shown = projects.DistinctBy(p => p.Id)
            .Where(p => p.Status is not (ProjectStatus.Archived or ProjectStatus.Cancelled) && p.End > ctx.Now.AddDays(-30))
            .OrderBy(p => p.Start)
            .Take(MaxShown)
            .ToList();
        var rows = new List<(Project P, SignUpCounts Counts)>();
        foreach (var p in shown)
        {
            rows.Add((p, await ctx.SignUps.CountAsync(p.Id, cancellationToken).ConfigureAwait(false)));
        }

        return TurnResult.Answer(turn, MyProjectsCards.Card(turn.L, rows, ctx.Zone, ctx.Now));
    }
}

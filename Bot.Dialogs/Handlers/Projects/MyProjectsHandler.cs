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
        var L = turn.L;
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
        var card = new AdaptiveCard().Title(L["projects.myProjects.title"]);
        if (shown.Count == 0)
        {
            card.Text(L["projects.myProjects.none"]);
        }

        foreach (var p in shown)
        {
            var counts = await ctx.SignUps.CountAsync(p.Id, cancellationToken).ConfigureAwait(false);
            var data = Act.Data(("projectId", p.Id));
            var action = p.Status switch
            {
                ProjectStatus.Returned or ProjectStatus.Filed => Act.Execute(L["projects.myProjects.edit"], ProjectVerbs.FileOpen, data),
                ProjectStatus.Assigned => Act.Execute(L["projects.myProjects.respond"], ProjectVerbs.RespondOpen, data),
                _ => Act.Execute(L["projects.roster.button"], ProjectVerbs.Roster, data),
            };
            card.Add(El.Container(
            [
                El.Text(p.Title, bold: true),
                El.Text(ProjectCards.When(L, p, ctx.Zone) + " · " + ProjectCards.Status(L, p, ctx.Now), subtle: true),
                p.Status == ProjectStatus.Returned && p.Returns.Count > 0 ? El.Text(L.Format("projects.myProjects.returnReason", p.Returns[^1].Reason), color: "Attention") : null,
                p.IsGoingAhead() ? El.Text(L.Format("projects.myProjects.signUps", counts.Confirmed, p.Capacity, counts.Waitlisted), subtle: true) : null,
                El.Actions(action),
            ], separator: true));
        }

        card.Action(Act.Execute(L["projects.file.title"], ProjectVerbs.FileOpen));
        return TurnResult.Answer(turn, card);
    }
}

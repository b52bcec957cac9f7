using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Projects;

/// <summary>
/// 搜索项目 &lt;words&gt; / search projects: the project list narrowed to projects whose title, description, place or
/// organiser contains every word, in any state a volunteer may see. Without words it says how to search.
/// </summary>
public sealed class ProjectSearchHandler(ProjectContext ctx) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["搜索项目", "查找项目", "搜索", "search projects", "search"]);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var words = ProjectListCards.Clip(turn.Arguments.Trim(), 100);
        if (words.Length == 0)
        {
            return TurnResult.Say(turn.L["projects.find.searchHow"]);
        }

        var card = await ProjectListHandler.ListAsync(ctx, turn, new ProjectQuery { Words = words, State = ProjectListState.All }, cancellationToken).ConfigureAwait(false);
        return turn.IsInvoke ? TurnResult.Replace(card) : TurnResult.Show(card);
    }
}

/// <summary>即将开始 / upcoming: projects open to the volunteer that start within the next 14 days (Asia/Shanghai).</summary>
public sealed class UpcomingProjectsHandler(ProjectContext ctx) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["即将开始", "近期活动", "upcoming", "coming up"]);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var card = await ProjectListHandler.ListAsync(ctx, turn, new ProjectQuery { Upcoming = true }, cancellationToken).ConfigureAwait(false);
        return turn.IsInvoke ? TurnResult.Replace(card) : TurnResult.Show(card);
    }
}

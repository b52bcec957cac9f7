using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.CheckIn;

/// <summary>
/// 签到情况: the liaison's (or committee's) attendance sheet of one activity — who checked in and out, walk-ins marked,
/// and who signed up but never came; after the end, the way to 时长确认. Division data: personal chat only (the router
/// answers elsewhere with a pointer to it).
/// </summary>
public sealed class CheckInSheetHandler(CheckInFlow flow) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, [], CheckInVerbs.Sheet).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var ctx = flow.Context;
        var project = turn.Data.Get(CheckInCards.ProjectId) is { } id ? await ctx.Projects.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        if (project is null)
        {
            return TurnResult.Replace(CheckInCards.Message(L["projects.notFound"], L["checkin.open.none"]));
        }

        if (!CheckInFlow.MayManage(turn.Roles, project))
        {
            return TurnResult.Replace(CheckInCards.Message(L["refusal.title"], L["checkin.open.notYours"]));
        }

        var sheet = await flow.SheetAsync(project, cancellationToken).ConfigureAwait(false);
        var names = await ctx.DivisionNamesAsync(cancellationToken).ConfigureAwait(false);
        var came = sheet.Rows.Select(r => new CheckInCards.SheetLine(r.VolunteerName, names.GetValueOrDefault(r.DivisionId, r.DivisionId), r.CheckedInAt, r.CheckedOutAt, r.IsWalkIn)).ToList();
        var noShows = sheet.NoShows.Select(s => new CheckInCards.SheetLine(s.VolunteerName, names.GetValueOrDefault(s.DivisionId, s.DivisionId), null, null, false)).ToList();
        return TurnResult.Replace(CheckInCards.Sheet(L, project, came, noShows, ctx.Zone, ended: ctx.Now >= project.End));
    }
}

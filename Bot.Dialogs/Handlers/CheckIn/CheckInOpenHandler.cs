using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;
using VolunteerBot.Dialogs.Handlers.Core;

namespace VolunteerBot.Dialogs.Handlers.CheckIn;

/// <summary>
/// 开始签到 / 刷新签到码: the liaison of an organising division (or the committee) opens check-in for an activity (typed, or
/// from the 报名名单 card) and gets the venue card with the code and its QR image; a second 开始签到 shows the same code,
/// 刷新签到码 a fresh one (the old one keeps working one minute). In personal chat the card has the liaison's controls,
/// including posting the shared card to a team channel; typed in a group chat or channel, the shared card goes there.
/// </summary>
public sealed class CheckInOpenHandler(CheckInFlow flow, ActivityFinder finder, ICheckInLinks links, IChannelDirectory channels,
    IOptions<VolunteeringOptions> options) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, ["开始签到", "刷新签到码", "start check-in", "new check-in code"],
        CheckInVerbs.Open, CheckInVerbs.Refresh, CheckInVerbs.Post);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var ctx = flow.Context;
        var now = ctx.Now;
        var fresh = turn.Verb == CheckInVerbs.Refresh
            || (turn.Verb is null && (turn.Text.Contains("刷新", StringComparison.Ordinal) || turn.Text.Contains("new check-in code", StringComparison.OrdinalIgnoreCase)));
        Project? project;
        if (turn.Verb is null)
        {
            var near = (await finder.ForManagerAsync(turn.Roles, cancellationToken).ConfigureAwait(false))
                .Where(p => CheckInFlow.CanOpen(p, now) && p.Start - CheckInFlow.OpenableBefore <= now)
                .Where(p => turn.Arguments.Length == 0 || p.Title.Contains(turn.Arguments, StringComparison.OrdinalIgnoreCase))
                .OrderBy(p => p.Start)
                .ToList();
            if (near.Count == 0)
            {
                return TurnResult.Show(CheckInCards.Message(L["checkin.open.none.title"], L["checkin.open.none"]));
            }

            if (near.Count > 1)
            {
                return TurnResult.Show(CheckInCards.Pick(L, near.Take(10).ToList(), ctx.Zone));
            }

            project = near[0];
        }
        else
        {
            project = turn.Data.Get(CheckInCards.ProjectId) is { } id ? await ctx.Projects.GetAsync(id, cancellationToken).ConfigureAwait(false) : null;
        }

        if (project is null)
        {
            return TurnResult.Answer(turn, CheckInCards.Message(L["projects.notFound"], L["checkin.open.none"]));
        }

        if (!CheckInFlow.MayManage(turn.Roles, project))
        {
            return TurnResult.Answer(turn, CheckInCards.Message(L["refusal.title"], L["checkin.open.notYours"]));
        }

        if (!CheckInFlow.CanOpen(project, now))
        {
            return TurnResult.Answer(turn, CheckInCards.Message(L["refusal.title"], now >= project.End
                ? L.Format("checkin.open.ended", CheckInCards.Escape(project.Title))
                : L.Format("checkin.open.notGoingAhead", CheckInCards.Escape(project.Title))));
        }

        if (project.Start - CheckInFlow.OpenableBefore > now)
        {
            return TurnResult.Answer(turn, CheckInCards.Message(L["refusal.title"], L.Format("checkin.open.tooEarly", CheckInCards.Escape(project.Title),
                CheckInCards.DateTime(L, project.Start - CheckInFlow.OpenableBefore, ctx.Zone))));
        }

        var actor = await ctx.ActorAsync(turn, cancellationToken).ConfigureAwait(false);
        var session = await flow.OpenAsync(project, actor, fresh, cancellationToken).ConfigureAwait(false);
        var link = links.For(session.Code);
        var personal = turn.Kind == ConversationKind.Personal;
        var places = personal ? await channels.ListAsync(cancellationToken).ConfigureAwait(false) : [];
        string? notice = fresh ? L["checkin.venue.refreshed"] : null;
        var result = new TurnResult();
        if (turn.Verb == CheckInVerbs.Post)
        {
            var place = places.FirstOrDefault(c => CheckInCards.ChannelKey(c) == turn.Data.Get(CheckInCards.Channel));
            if (place is null)
            {
                notice = L["checkin.post.pick"];
            }
            else
            {
                // The shared card is read by the whole team: in the organisation's language.
                var teamL = Localizer.For(LanguageCodes.Parse(options.Value.DefaultLanguage) ?? Language.ZhCn);
                result.PostToChannel(place.TeamId, place.ChannelId, CheckInCards.Venue(teamL, project, session, link, ctx.Zone, manager: false));
                notice = L.Format("checkin.post.done", place.TeamName, place.ChannelName);
            }
        }

        var card = CheckInCards.Venue(L, project, session, link, ctx.Zone, manager: personal, places, notice);
        return turn.IsInvoke ? result.WithCardUpdate(card) : result.AddCard(card);
    }
}

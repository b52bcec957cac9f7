using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Handlers.Core;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Publicity;

/// <summary>
/// 宣传报道 / publicity (committee): choose an activity, write a short highlight, pick up to six of its photos and a
/// team channel where the app is installed; the bot posts it there once (a double tap does not post twice).
/// </summary>
public sealed partial class PublicityHandler(IPhotoArchive archive, IProjectStore projects, IChannelDirectory channels, IHighlightStore highlights,
    ActivityFinder finder, TimeProvider time, IOptions<VolunteeringOptions> options) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Committee, ["宣传报道", "publicity"], PublicityVerbs.Compose, PublicityVerbs.Post);

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var now = time.GetUtcNow();
        var project = turn.Data.Get(PublicityCards.ProjectId) is { } pid ? await projects.GetAsync(pid, cancellationToken).ConfigureAwait(false) : null;
        if (turn.Verb is null || project is null)
        {
            var recent = ActivityFinder.Recent(await finder.ForManagerAsync(turn.Roles, cancellationToken).ConfigureAwait(false), now, days: 120);
            return TurnResult.Replace(PublicityCards.Picker(L, recent, p => Label(L, p), turn.Verb is null ? null : L["photos.error.chooseActivity"]));
        }

        var photos = (await archive.ListAsync(project.Id, cancellationToken).ConfigureAwait(false)).Take(PhotoCards.MaxShown).ToList();
        var links = await archive.LinksAsync(photos, PhotoCards.CardLinkLifetime, cancellationToken).ConfigureAwait(false);
        var places = await channels.ListAsync(cancellationToken).ConfigureAwait(false);
        var highlightId = turn.Data.Get(PublicityCards.HighlightId) is { } h && IdPattern().IsMatch(h) ? h : Guid.NewGuid().ToString("N")[..12];
        if (turn.Verb == PublicityVerbs.Compose)
        {
            return TurnResult.Replace(PublicityCards.Compose(L, project, highlightId, photos, links, places));
        }

        var errors = new GearCards.Errors();
        var text = turn.Data.Get(PublicityCards.Text);
        if (text is null)
        {
            errors[PublicityCards.Text] = L["gear.error.required"];
        }
        else if (text.Length > PublicityCards.TextMax)
        {
            errors[PublicityCards.Text] = L.Format("gear.error.noteTooLong", PublicityCards.TextMax);
        }

        var chosen = turn.Data.GetList(PublicityCards.Photos).Distinct(StringComparer.Ordinal).ToList();
        var picked = photos.Where(p => chosen.Contains(p.PhotoId)).ToList();
        if (chosen.Count > PublicityCards.MaxPhotos)
        {
            errors[PublicityCards.Photos] = L.Format("publicity.error.tooManyPhotos", PublicityCards.MaxPhotos);
        }
        else if (picked.Count != chosen.Count)
        {
            errors[PublicityCards.Photos] = L["publicity.error.photo"];
        }

        var channel = places.FirstOrDefault(c => PublicityCards.ChannelKey(c) == turn.Data.Get(PublicityCards.Channel));
        if (channel is null)
        {
            errors[PublicityCards.Channel] = L["publicity.error.channel"];
        }

        if (errors.Count > 0)
        {
            return TurnResult.Replace(PublicityCards.Compose(L, project, highlightId, photos, links, places, turn.Data, errors));
        }

        var highlight = new Highlight
        {
            Id = highlightId, ProjectId = project.Id, Text = text!, PhotoIds = [.. picked.Select(p => p.PhotoId)],
            TeamId = channel!.TeamId, ChannelId = channel.ChannelId, PostedByAadObjectId = turn.User.AadObjectId, PostedByName = turn.User.Name, PostedAt = now,
        };
        if (!await highlights.TryAddAsync(highlight, cancellationToken).ConfigureAwait(false))
        {
            return TurnResult.Replace(PublicityCards.Posted(L, channel, already: true));
        }

        // The post outlives this card, so its photo links last a year; the team reads it in the organisation's language.
        var postLinks = await archive.LinksAsync(picked, PublicityCards.PostLinkLifetime, cancellationToken).ConfigureAwait(false);
        var postL = Localization.Localizer.For(Localization.LanguageCodes.Parse(options.Value.DefaultLanguage) ?? Localization.Language.ZhCn);
        return TurnResult.Replace(PublicityCards.Posted(L, channel, already: false))
            .PostToChannel(channel.TeamId, channel.ChannelId, PublicityCards.Post(postL, project, text!, postLinks, options.Value.Zone), $"publicity:{highlight.Id}");
    }

    private string Label(Localizer L, Project p) => $"{p.Title}（{L.Date(ProjectCalendar.ToLocal(p.Start, options.Value.Zone))}）";

    [GeneratedRegex("^[0-9a-f]{12}$")]
    private static partial Regex IdPattern();
}

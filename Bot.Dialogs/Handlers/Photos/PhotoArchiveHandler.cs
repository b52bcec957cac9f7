using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Handlers.Core;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Handlers.Gear;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Reminders;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Photos;

/// <summary>
/// 照片档案 / photo archive (committee and the division's liaisons): an activity's photos as thumbnails through
/// expiring links, and zip downloads per activity or per quarter. A liaison sees only their divisions' activities.
/// </summary>
public sealed class PhotoArchiveHandler(IPhotoArchive archive, IProjectStore projects, ActivityFinder finder, TimeProvider time,
    IOptions<VolunteeringOptions> options) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Liaison, ["照片档案", "photo archive", "photos"], PhotoVerbs.Show, PhotoVerbs.Zip, PhotoVerbs.Quarter).PersonalOnly();

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var zone = options.Value.Zone;
        var now = time.GetUtcNow();
        if (turn.Verb == PhotoVerbs.Quarter)
        {
            return await QuarterAsync(turn, now, cancellationToken).ConfigureAwait(false);
        }

        if (turn.Verb is null || turn.Data.Get(PhotoCards.ProjectId) is null)
        {
            var mine = ActivityFinder.Recent(await finder.ForManagerAsync(turn.Roles, cancellationToken).ConfigureAwait(false), now, days: 400);
            return TurnResult.Replace(PhotoCards.Picker(L, mine, p => Label(L, p), Quarters(now, zone), turn.Verb is null ? null : L["photos.error.chooseActivity"]));
        }

        var project = await projects.GetAsync(turn.Data.Get(PhotoCards.ProjectId)!, cancellationToken).ConfigureAwait(false);
        if (project is null || !ActivityFinder.Manages(turn.Roles, project))
        {
            return GearContext.Refuse(turn, L["photos.error.otherDivision"]);
        }

        var photos = await archive.ListAsync(project.Id, cancellationToken).ConfigureAwait(false);
        var links = await archive.LinksAsync([.. photos.Take(PhotoCards.MaxShown)], PhotoCards.CardLinkLifetime, cancellationToken).ConfigureAwait(false);
        string? zip = null;
        if (turn.Verb == PhotoVerbs.Zip)
        {
            zip = await archive.ZipLinkAsync([(project.Id, FolderOf(L, project))], FolderOf(L, project) + ".zip", at => EntryTime(L, at), PhotoCards.ZipLinkLifetime, cancellationToken).ConfigureAwait(false);
        }

        return TurnResult.Replace(PhotoCards.Archive(L, project, photos, links, at => Format(L, at), zip));
    }

    private async Task<TurnResult> QuarterAsync(Turn turn, DateTimeOffset now, CancellationToken ct)
    {
        var zone = options.Value.Zone;
        var quarter = Quarters(now, zone).FirstOrDefault(q => q.ToString() == turn.Data.Get(PhotoCards.Quarter));
        if (quarter == default)
        {
            var mine = ActivityFinder.Recent(await finder.ForManagerAsync(turn.Roles, ct).ConfigureAwait(false), now, days: 400);
            return TurnResult.Replace(PhotoCards.Picker(turn.L, mine, p => Label(turn.L, p), Quarters(now, zone)));
        }

        var inQuarter = (await projects.ListStartingAsync(quarter.StartIn(zone), quarter.EndIn(zone), ct).ConfigureAwait(false))
            .Where(p => ActivityFinder.Manages(turn.Roles, p)).OrderBy(p => p.Start).ToList();
        var zip = inQuarter.Count == 0 ? null : await archive.ZipLinkAsync([.. inQuarter.Select(p => (p.Id, FolderOf(turn.L, p)))],
            $"{quarter}-photos.zip", at => EntryTime(turn.L, at), PhotoCards.ZipLinkLifetime, ct).ConfigureAwait(false);
        return TurnResult.Replace(PhotoCards.QuarterZip(turn.L, quarter, inQuarter.Count, zip));
    }

    /// <summary>This quarter and the three before it.</summary>
    private static List<Quarter> Quarters(DateTimeOffset now, TimeZoneInfo zone)
    {
        var q = Quarter.Of(now, zone);
        var list = new List<Quarter>();
        for (var i = 0; i < 4; i++)
        {
            list.Add(q);
            q = q.Previous;
        }

        return list;
    }

    private string FolderOf(Localizer L, Project p) => $"{L.FileDate(ProjectCalendar.ToLocal(p.Start, options.Value.Zone))}-{p.Title}";

    private string Label(Localizer L, Project p) => $"{p.Title}（{L.Date(ProjectCalendar.ToLocal(p.Start, options.Value.Zone))}）";

    /// <summary>When a photo came in, as its zip entry name shows it: local time in the reader's file pattern.</summary>
    private string EntryTime(Localizer L, DateTimeOffset at) => L.FileDateTime(ProjectCalendar.ToLocal(at, options.Value.Zone));

    private string Format(Localizer L, DateTimeOffset at) => L.DateTime(ProjectCalendar.ToLocal(at, options.Value.Zone));
}

using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Handlers.Core;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Conversation;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Dialogs.Routing;

namespace VolunteerBot.Dialogs.Handlers.Photos;

/// <summary>
/// Photos sent in chat (R11): every image or file attachment is fetched, checked by its bytes (JPEG, PNG, GIF, WebP,
/// HEIC; at most 10 MB) and filed under the activity — the obvious one, or the one the sender picks on a follow-up card.
/// Refused files are named with the reason and what to do.
/// </summary>
public sealed class PhotoUploadHandler(IAttachmentDownloader downloader, IPhotoArchive archive, ActivityFinder finder, TimeProvider time,
    IOptions<VolunteeringOptions> options, IImageInspector? inspector = null) : ITurnHandler
{
    public Route Route { get; } = Route.For(Role.Volunteer, ["上传照片", "upload photos"], PhotoVerbs.File) with { AcceptsAttachments = true, RateLimit = "photo" };

    public async Task<TurnResult> HandleAsync(Turn turn, CancellationToken cancellationToken)
    {
        var L = turn.L;
        var now = time.GetUtcNow();
        if (turn.Verb == PhotoVerbs.File)
        {
            return await FileAsync(turn, now, cancellationToken).ConfigureAwait(false);
        }

        var attachments = turn.Attachments.Where(ImageSniffer.IsCandidate).ToList();
        if (attachments.Count == 0)
        {
            return TurnResult.Say(turn.Attachments.Count == 0 ? L["photos.howTo"] : L["photos.notPhoto"]);
        }

        var accepted = new List<NewPhoto>();
        var refused = new List<string>();
        for (var i = 0; i < attachments.Count; i++)
        {
            var a = attachments[i];
            var name = a.Name ?? L.Format("photos.nth", i + 1);
            var download = await downloader.DownloadAsync(a, ImageSniffer.MaxBytes, cancellationToken).ConfigureAwait(false);
            if (download.Failure is { } failure)
            {
                refused.Add(L.Format("photos.refused." + failure, name));
                continue;
            }

            if (ImageSniffer.Sniff(download.Bytes!) is not { } kind)
            {
                refused.Add(L.Format("photos.refused.NotImage", name));
                continue;
            }

            if (inspector?.Dimensions(download.Bytes!) is var (width, height) && ImageLimits.Exceeds(width, height))
            {
                // Judged from the header before anything decodes it: a small file may declare gigapixels.
                refused.Add(L.Format("image.tooLarge", name, width, height));
                continue;
            }

            accepted.Add(new NewPhoto(PhotoRecord.IdFor(turn.ActivityId.Length > 0 ? turn.ActivityId : Guid.NewGuid().ToString(), i), download.Bytes!, kind, a.Name));
        }

        if (accepted.Count == 0)
        {
            return TurnResult.Show(PhotoCards.Receipt(L, 0, null, refused));
        }

        var candidates = await finder.ForSenderAsync(turn.User.AadObjectId, turn.Roles, cancellationToken).ConfigureAwait(false);
        if (ActivityFinder.Obvious(candidates, now) is { } project)
        {
            var stored = await archive.AddAsync(project.Id, accepted, turn.User.AadObjectId, turn.User.Name, now, cancellationToken).ConfigureAwait(false);
            return TurnResult.Show(PhotoCards.Receipt(L, stored.Count, project.Title, refused));
        }

        var recent = ActivityFinder.Recent(candidates, now);
        if (recent.Count == 0)
        {
            return TurnResult.Show(PhotoCards.NoActivity(L, refused));
        }

        var batchId = PhotoRecord.IdFor(turn.ActivityId.Length > 0 ? turn.ActivityId : Guid.NewGuid().ToString(), -1);
        await archive.StagePendingAsync(turn.User.AadObjectId, batchId, accepted, now, cancellationToken).ConfigureAwait(false);
        return TurnResult.Show(PhotoCards.ChooseActivity(L, batchId, accepted.Count, recent, p => Label(L, p), refused));
    }

    private async Task<TurnResult> FileAsync(Turn turn, DateTimeOffset now, CancellationToken ct)
    {
        var L = turn.L;
        var batchId = turn.Data.Get(PhotoCards.BatchId) ?? "";
        var candidates = ActivityFinder.Recent(await finder.ForSenderAsync(turn.User.AadObjectId, turn.Roles, ct).ConfigureAwait(false), now);
        var project = candidates.FirstOrDefault(p => p.Id == turn.Data.Get(PhotoCards.ProjectId));
        var waiting = await archive.CountPendingAsync(turn.User.AadObjectId, batchId, ct).ConfigureAwait(false);
        if (waiting == 0)
        {
            return TurnResult.Replace(NoticeCards.Line(L["photos.batchGone"]));
        }

        if (project is null)
        {
            // Nothing chosen, or an activity the sender has no part in: ask again with the choices they have.
            return TurnResult.Replace(PhotoCards.ChooseActivity(L, batchId, waiting, candidates, p => Label(L, p), [], L["photos.error.chooseActivity"]));
        }

        var stored = await archive.CommitPendingAsync(turn.User.AadObjectId, turn.User.Name, batchId, project.Id, now, ct).ConfigureAwait(false);
        return TurnResult.Replace(PhotoCards.Receipt(L, stored.Count, project.Title, []));
    }

    private string Label(Localizer L, Project p) => $"{p.Title}（{L.Date(ProjectCalendar.ToLocal(p.Start, options.Value.Zone))}）";
}

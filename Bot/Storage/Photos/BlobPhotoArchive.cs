using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Options;
using VolunteerBot.Links;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Links;
using VolunteerBot.Photos;
using static VolunteerBot.Storage.Photos.PhotoEntities;

namespace VolunteerBot.Storage.Photos;

/// <summary>
/// The photo archive (R11) in the private <c>photos</c> container: originals at <c>{projectId}/{photoId}{ext}</c>,
/// thumbnails at <c>{projectId}/thumbs/{photoId}.jpg</c>, photos waiting for their activity at
/// <c>pending/{sender}/{batchId}/{photoId}{ext}</c>. Table <c>Photos</c> indexes them (see docs/storage.md).
/// </summary>
public sealed partial class BlobPhotoArchive(StorageAccount account, DownloadLinks links, ILogger<BlobPhotoArchive> logger) : IPhotoArchive
{
    private const string PendingPrefix = "pending-";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = account.Table(StorageNames.Photos);
    private readonly Azure.Storage.Blobs.BlobContainerClient _blobs = account.Container(StorageNames.PhotoContainer);

    public async Task<IReadOnlyList<PhotoRecord>> AddAsync(string projectId, IReadOnlyList<NewPhoto> photos, string senderAadObjectId, string senderName, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var stored = new List<PhotoRecord>();
        foreach (var photo in photos)
        {
            var pk = TableKeys.Escape(projectId);
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(pk, photo.PhotoId, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (existing.HasValue)
            {
                stored.Add(ToPhoto(existing.Value!));
                continue;
            }

            await UploadAsync(OriginalName(projectId, photo.PhotoId, photo.Kind), photo.Bytes, photo.Kind.ContentType(), cancellationToken).ConfigureAwait(false);
            var thumb = Thumbnailer.TryMake(photo.Bytes);
            if (thumb is not null)
            {
                await UploadAsync(ThumbName(projectId, photo.PhotoId), thumb, "image/jpeg", cancellationToken).ConfigureAwait(false);
            }

            var record = new PhotoRecord
            {
                ProjectId = projectId, PhotoId = photo.PhotoId, Kind = photo.Kind, Size = photo.Bytes.LongLength, FileName = photo.FileName,
                SenderAadObjectId = senderAadObjectId, SenderName = senderName, ReceivedAt = at, HasThumbnail = thumb is not null,
            };
            try
            {
                // The index row is written last: a photo is listed only once its blobs exist.
                await _table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // The same message delivered twice at once: the first row stands.
            }

            LogStored(projectId, photo.PhotoId, photo.Kind, photo.Bytes.LongLength);
            stored.Add(record);
        }

        return stored;
    }

    public async Task StagePendingAsync(string senderAadObjectId, string batchId, IReadOnlyList<NewPhoto> photos, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var list = new List<PendingPhoto>();
        foreach (var photo in photos)
        {
            var name = PendingName(senderAadObjectId, batchId, photo.PhotoId, photo.Kind);
            await UploadAsync(name, photo.Bytes, photo.Kind.ContentType(), cancellationToken).ConfigureAwait(false);
            list.Add(new PendingPhoto(photo.PhotoId, photo.Kind, photo.FileName, name));
        }

        var entity = new TableEntity(PendingPrefix + TableKeys.Escape(senderAadObjectId), TableKeys.Escape(batchId))
        {
            ["Photos"] = JsonSerializer.Serialize(list, Json), ["At"] = at,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> CountPendingAsync(string senderAadObjectId, string batchId, CancellationToken cancellationToken) =>
        (await PendingAsync(senderAadObjectId, batchId, cancellationToken).ConfigureAwait(false))?.Photos.Count ?? 0;

    public async Task<IReadOnlyList<PhotoRecord>> CommitPendingAsync(string senderAadObjectId, string senderName, string batchId, string projectId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var pending = await PendingAsync(senderAadObjectId, batchId, cancellationToken).ConfigureAwait(false);
        if (pending is null)
        {
            return [];
        }

        var photos = new List<NewPhoto>();
        foreach (var p in pending.Value.Photos)
        {
            var content = await _blobs.GetBlobClient(p.BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            photos.Add(new NewPhoto(p.PhotoId, content.Value.Content.ToArray(), p.Kind, p.FileName));
        }

        var stored = await AddAsync(projectId, photos, senderAadObjectId, senderName, at, cancellationToken).ConfigureAwait(false);
        try
        {
            // The ETag makes a double tap file the batch once; the loser finds the photos already stored above.
            await _table.DeleteEntityAsync(pending.Value.Entity.PartitionKey, pending.Value.Entity.RowKey, pending.Value.Entity.ETag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
        }

        foreach (var p in pending.Value.Photos)
        {
            await _blobs.DeleteBlobIfExistsAsync(p.BlobName, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return stored;
    }

    public async Task<IReadOnlyList<PhotoRecord>> ListAsync(string projectId, CancellationToken cancellationToken)
    {
        var pk = TableKeys.Escape(projectId);
        var list = new List<PhotoRecord>();
        await foreach (var e in _table.QueryAsync<TableEntity>(e => e.PartitionKey == pk, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            list.Add(ToPhoto(e));
        }

        return [.. list.OrderBy(p => p.ReceivedAt).ThenBy(p => p.PhotoId, StringComparer.Ordinal)];
    }

    public async Task<IReadOnlyList<PhotoLink>> LinksAsync(IReadOnlyList<PhotoRecord> photos, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var result = new List<PhotoLink>();
        foreach (var p in photos)
        {
            var original = (await links.CreateAsync(new LinkTarget(StorageNames.PhotoContainer, OriginalName(p.ProjectId, p.PhotoId, p.Kind), p.Kind.ContentType(),
                DownloadName(p)) { Inline = true }, lifetime, cancellationToken).ConfigureAwait(false)).Url;
            var thumb = p.HasThumbnail
                ? (await links.CreateAsync(new LinkTarget(StorageNames.PhotoContainer, ThumbName(p.ProjectId, p.PhotoId), "image/jpeg", p.PhotoId + "-thumb.jpg") { Inline = true },
                    lifetime, cancellationToken).ConfigureAwait(false)).Url
                : original;
            result.Add(new PhotoLink(p.PhotoId, thumb, original));
        }

        return result;
    }

    public async Task<string?> ZipLinkAsync(IReadOnlyList<(string ProjectId, string Folder)> projects, string fileName, Func<DateTimeOffset, string> receivedAt, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var entries = new List<ZipEntrySource>();
        foreach (var (projectId, folder) in projects)
        {
            var safeFolder = SafeName(folder);
            var n = 0;
            foreach (var p in await ListAsync(projectId, cancellationToken).ConfigureAwait(false))
            {
                n++;
                var entry = $"{safeFolder}/{n:D3}-{SafeName(receivedAt(p.ReceivedAt))}-{SafeName(p.SenderName)}{p.Kind.Extension()}";
                entries.Add(new ZipEntrySource(StorageNames.PhotoContainer, OriginalName(p.ProjectId, p.PhotoId, p.Kind), entry));
            }
        }

        return entries.Count == 0 ? null : (await links.CreateZipAsync(entries, fileName, lifetime, cancellationToken).ConfigureAwait(false)).Url;
    }

    private async Task<(TableEntity Entity, List<PendingPhoto> Photos)?> PendingAsync(string senderAadObjectId, string batchId, CancellationToken cancellationToken)
    {
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(PendingPrefix + TableKeys.Escape(senderAadObjectId), TableKeys.Escape(batchId),
            cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var photos = JsonSerializer.Deserialize<List<PendingPhoto>>(response.Value!.GetString("Photos") ?? "[]", Json) ?? [];
        return (response.Value, photos);
    }

    private Task UploadAsync(string name, byte[] bytes, string contentType, CancellationToken cancellationToken) =>
        _blobs.GetBlobClient(name).UploadAsync(new BinaryData(bytes), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);

    private static string OriginalName(string projectId, string photoId, ImageKind kind) => $"{projectId}/{photoId}{kind.Extension()}";

    private static string ThumbName(string projectId, string photoId) => $"{projectId}/thumbs/{photoId}.jpg";

    private static string PendingName(string sender, string batchId, string photoId, ImageKind kind) =>
        $"pending/{Uri.EscapeDataString(sender)}/{Uri.EscapeDataString(batchId)}/{photoId}{kind.Extension()}";

    private static string DownloadName(PhotoRecord p) => p.PhotoId + p.Kind.Extension();

    /// <summary>A file or folder name without path separators or characters Windows refuses.</summary>
    internal static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var cleaned = new string([.. name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]).Trim().Trim('.');
        return cleaned.Length == 0 ? "_" : cleaned.Length > 60 ? cleaned[..60] : cleaned;
    }

    private sealed record PendingPhoto(string PhotoId, ImageKind Kind, string? FileName, string BlobName);

    [LoggerMessage(EventId = 8000, Level = LogLevel.Information, Message = "Photo {PhotoId} stored for project {ProjectId} ({Kind}, {Size} bytes)")]
    private partial void LogStored(string projectId, string photoId, ImageKind kind, long size);
}

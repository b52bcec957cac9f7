namespace VolunteerBot.Dialogs.Domain.Photos;

/// <summary>One photo in an activity's archive (R11 照片档案): who sent it and when.</summary>
public sealed record PhotoRecord
{
    public required string ProjectId { get; init; }

    /// <summary>Derived from the message and the attachment's position, so a redelivered message stores nothing twice.</summary>
    public required string PhotoId { get; init; }
    public required ImageKind Kind { get; init; }
    public required long Size { get; init; }
    public string? FileName { get; init; }
    public required string SenderAadObjectId { get; init; }
    public required string SenderName { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public bool HasThumbnail { get; init; }

    /// <summary>A stable id for the n-th attachment of a message.</summary>
    public static string IdFor(string activityId, int index)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(activityId + "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Convert.ToHexStringLower(hash)[..16];
    }
}

/// <summary>A checked photo on its way into the archive.</summary>
public sealed record NewPhoto(string PhotoId, byte[] Bytes, ImageKind Kind, string? FileName);

/// <summary>Expiring links to a photo's thumbnail (the original when no thumbnail could be made) and original.</summary>
public sealed record PhotoLink(string PhotoId, string ThumbnailUrl, string OriginalUrl);

/// <summary>
/// The photo archive: blobs under the project (activity) with a Photos table index, photos waiting for their sender
/// to choose the activity, and expiring download links. Implemented in <c>Bot</c> (blobs, HTTP).
/// </summary>
public interface IPhotoArchive
{
    /// <summary>Stores photos for an activity (with thumbnails where the format allows); a photo id stored before is kept as is.</summary>
    Task<IReadOnlyList<PhotoRecord>> AddAsync(string projectId, IReadOnlyList<NewPhoto> photos, string senderAadObjectId, string senderName, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Keeps checked photos until their sender chooses the activity (<see cref="CommitPendingAsync"/>).</summary>
    Task StagePendingAsync(string senderAadObjectId, string batchId, IReadOnlyList<NewPhoto> photos, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>How many photos wait in the sender's batch (0 when none, or already filed).</summary>
    Task<int> CountPendingAsync(string senderAadObjectId, string batchId, CancellationToken cancellationToken);

    /// <summary>Files the sender's waiting batch under the activity; empty when the batch is gone (already filed).</summary>
    Task<IReadOnlyList<PhotoRecord>> CommitPendingAsync(string senderAadObjectId, string senderName, string batchId, string projectId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>An activity's photos (one partition), oldest first.</summary>
    Task<IReadOnlyList<PhotoRecord>> ListAsync(string projectId, CancellationToken cancellationToken);

    /// <summary>Expiring links (through the bot's <c>/files/{token}</c>) for showing photos on a card or in a post.</summary>
    Task<IReadOnlyList<PhotoLink>> LinksAsync(IReadOnlyList<PhotoRecord> photos, TimeSpan lifetime, CancellationToken cancellationToken);

    /// <summary>
    /// An expiring link to a zip of the projects' photos (a folder per project); null when there are none. Each entry is
    /// named with when the photo came in, written by <paramref name="receivedAt"/> (the reader's zone and catalogue pattern).
    /// </summary>
    Task<string?> ZipLinkAsync(IReadOnlyList<(string ProjectId, string Folder)> projects, string fileName, Func<DateTimeOffset, string> receivedAt, TimeSpan lifetime, CancellationToken cancellationToken);
}

public enum DownloadFailure
{
    /// <summary>Larger than the limit.</summary>
    TooLarge,

    /// <summary>The URL is not a Teams/Bot Framework host: nothing was fetched.</summary>
    NotAllowed,

    /// <summary>The host answered with an error or the connection failed.</summary>
    Failed,

    /// <summary>The attachment carries no URL.</summary>
    NoUrl,
}

public sealed record AttachmentDownload(byte[]? Bytes, DownloadFailure? Failure);

/// <summary>Fetches a Teams attachment's bytes (through the connector, which sends the bot token only to allow-listed hosts).</summary>
public interface IAttachmentDownloader
{
    Task<AttachmentDownload> DownloadAsync(IncomingAttachment attachment, long maxBytes, CancellationToken cancellationToken);
}

using Azure.Data.Tables;

namespace VolunteerBot.Storage.Links;

/// <summary>Maps a download link (what it serves, when it expires) to a <c>DownloadLinks</c> row and back; never the token itself.</summary>
internal static class DownloadLinkEntities
{
    /// <summary>The row for a link: PartitionKey the expiry hour, RowKey the token's hash.</summary>
    public static TableEntity ToEntity(string hour, string tokenHash, string kind, LinkTarget target, DateTimeOffset expires) => new(hour, tokenHash)
    {
        ["Kind"] = kind,
        ["Container"] = target.Container,
        ["BlobName"] = target.BlobName,
        ["ContentType"] = target.ContentType,
        ["FileName"] = target.FileName,
        ["Inline"] = target.Inline,
        ["OwnsBlob"] = target.OwnsBlob,
        ["ExpiresAt"] = expires,
    };

    /// <summary>The link a row holds; its id is a prefix of the token's hash, safe to log.</summary>
    public static ResolvedLink ToLink(TableEntity e) => new(
        e.RowKey[..12],
        e.GetString("Kind") ?? ResolvedLink.BlobKind,
        new LinkTarget(e.GetString("Container") ?? "", e.GetString("BlobName") ?? "", e.GetString("ContentType") ?? "application/octet-stream", e.GetString("FileName") ?? "file")
        {
            Inline = e.GetBoolean("Inline") ?? false,
            OwnsBlob = e.GetBoolean("OwnsBlob") ?? false,
        },
        e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue);

    /// <summary>The columns the cleanup reads.</summary>
    public static readonly string[] CleanupColumns = ["PartitionKey", "RowKey", "Container", "BlobName", "OwnsBlob"];

    /// <summary>The blob that exists only for this link (an export, a zip manifest), or null when the link does not own one.</summary>
    public static (string Container, string BlobName)? OwnedBlobOf(TableEntity e) =>
        e.GetBoolean("OwnsBlob") == true && e.GetString("Container") is { Length: > 0 } container && e.GetString("BlobName") is { Length: > 0 } blob
            ? (container, blob)
            : null;
}

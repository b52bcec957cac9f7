using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using VolunteerBot.Storage;

namespace VolunteerBot.Files;

/// <summary>The <c>Files</c> configuration section.</summary>
public sealed class FileLinkOptions
{
    public const string Section = "Files";

    /// <summary>The bot's public https address; links are <c>{PublicBaseUrl}/media/{token}</c>. Locally the bot's own URL.</summary>
    public string PublicBaseUrl { get; set; } = "http://127.0.0.1:3978";
}

/// <summary>One blob in a zip download: where it is and the path it gets inside the zip.</summary>
public sealed record ZipEntrySource(string Container, string BlobName, string EntryName);

/// <summary>
/// What a download token stands for (Container is the logical name from StorageNames, without the table prefix): one blob (served inline or as an attachment) or a zip built from a manifest
/// at download time. Tokens are 32 random bytes (base64url), unguessable, and expire.
/// </summary>
public sealed record FileLink(string Token, string Kind, string Container, string BlobName, string ContentType, string FileName, bool Inline, DateTimeOffset ExpiresAt)
{
    public const string BlobKind = "blob";
    public const string ZipKind = "zip";
}

/// <summary>
/// Photo download links served by the bot at <c>GET /media/{token}</c> (kept apart from the hours feature's <c>/files/{token}</c> until the two are folded together) from private blob containers. Table <c>FileLinks</c>:
/// PartitionKey token, RowKey <c>link</c> (one point read per download). Zip manifests live in the <c>files</c> container.
/// </summary>
public sealed class FileLinks(StorageAccount account, IOptions<FileLinkOptions> options, TimeProvider time)
{
    private const string Row = "link";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = account.Table(StorageNames.FileLinks);

    public Task<string> ForBlobAsync(string container, string blobName, string contentType, string fileName, bool inline, TimeSpan lifetime, CancellationToken cancellationToken) =>
        SaveAsync(new FileLink(NewToken(), FileLink.BlobKind, container, blobName, contentType, fileName, inline, time.GetUtcNow() + lifetime), cancellationToken);

    public async Task<string> ForZipAsync(IReadOnlyList<ZipEntrySource> entries, string fileName, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var token = NewToken();
        var manifest = "manifests/" + token + ".json";
        var blob = account.Container(StorageNames.FileContainer).GetBlobClient(manifest);
        await blob.UploadAsync(BinaryData.FromObjectAsJson(entries, Json), overwrite: true, cancellationToken).ConfigureAwait(false);
        return await SaveAsync(new FileLink(token, FileLink.ZipKind, StorageNames.FileContainer, manifest, "application/zip", fileName, false, time.GetUtcNow() + lifetime), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The link for a token, or null when unknown or expired.</summary>
    public async Task<FileLink?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 64 || token.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(token, Row, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var e = response.Value!;
        var link = new FileLink(token, e.GetString("Kind") ?? FileLink.BlobKind, e.GetString("Container") ?? "", e.GetString("BlobName") ?? "",
            e.GetString("ContentType") ?? "application/octet-stream", e.GetString("FileName") ?? "file", e.GetBoolean("Inline") ?? false,
            e.GetDateTimeOffset("ExpiresAt") ?? default);
        return link.ExpiresAt <= time.GetUtcNow() ? null : link;
    }

    public async Task<IReadOnlyList<ZipEntrySource>> ManifestAsync(FileLink link, CancellationToken cancellationToken)
    {
        var content = await account.Container(link.Container).GetBlobClient(link.BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return content.Value.Content.ToObjectFromJson<List<ZipEntrySource>>(Json) ?? [];
    }

    private async Task<string> SaveAsync(FileLink link, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(link.Token, Row)
        {
            ["Kind"] = link.Kind, ["Container"] = link.Container, ["BlobName"] = link.BlobName, ["ContentType"] = link.ContentType,
            ["FileName"] = link.FileName, ["Inline"] = link.Inline, ["ExpiresAt"] = link.ExpiresAt,
        };
        await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
        return options.Value.PublicBaseUrl.TrimEnd('/') + "/media/" + link.Token;
    }

    private static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

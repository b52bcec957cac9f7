using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using VolunteerBot.Storage;
using VolunteerBot.Links;

using LinkOptions = VolunteerBot.Links.LinkOptions;
using static VolunteerBot.Storage.Links.DownloadLinkEntities;

namespace VolunteerBot.Storage.Links;

/// <summary>A private blob a link serves. <paramref name="Container"/> is the logical name from <see cref="StorageNames"/> (no prefix).</summary>
public sealed record LinkTarget(string Container, string BlobName, string ContentType, string FileName)
{
    /// <summary>Shown in place (photos, thumbnails) instead of saved as a file.</summary>
    public bool Inline { get; init; }

    /// <summary>The blob exists only for this link (an export, a zip manifest): the cleanup deletes it with the link.</summary>
    public bool OwnsBlob { get; init; }
}

/// <summary>One blob in a zip download and the path it gets inside the zip.</summary>
public sealed record ZipEntrySource(string Container, string BlobName, string EntryName);

/// <summary>A link as handed to a user.</summary>
public sealed record IssuedLink(string Url, DateTimeOffset ExpiresAt);

/// <summary>A valid link found for a token. <paramref name="Id"/> is a prefix of the token's hash, safe to log.</summary>
public sealed record ResolvedLink(string Id, string Kind, LinkTarget Target, DateTimeOffset ExpiresAt)
{
    public const string BlobKind = "blob";
    public const string ZipKind = "zip";
}

/// <summary>
/// Every download link of the bot (certificates, exports, photos, thumbnails, zips), served by <c>GET /files/{token}</c>
/// from private containers. Table <c>DownloadLinks</c>: PartitionKey = the UTC hour the link expires (<c>yyyyMMddHH</c>),
/// RowKey = SHA-256 (hex) of the token. A token is that hour followed by 32 random bytes (base64url): one point read
/// resolves it, the table never holds a working token, and the cleanup deletes whole past hours with one key-range query.
/// </summary>
public sealed class DownloadLinks(StorageAccount account, IOptions<LinkOptions> options, TimeProvider time)
{
    /// <summary>The path every link starts with.</summary>
    public const string PathPrefix = "/files/";

    private const string HourFormat = "yyyyMMddHH";
    private const int RandomLength = 43;
    private static readonly SearchValues<char> Base64UrlChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly TableClient _table = account.Table(StorageNames.DownloadLinks);

    /// <summary>A link to one blob, valid for <paramref name="lifetime"/> (default <see cref="LinkOptions.Lifetime"/>).</summary>
    public Task<IssuedLink> CreateAsync(LinkTarget target, TimeSpan? lifetime, CancellationToken cancellationToken) =>
        SaveAsync(ResolvedLink.BlobKind, target, lifetime, cancellationToken);

    /// <summary>A link to a zip of several blobs, built at download time from a manifest that lives as long as the link.</summary>
    public async Task<IssuedLink> CreateZipAsync(IReadOnlyList<ZipEntrySource> entries, string fileName, TimeSpan? lifetime, CancellationToken cancellationToken)
    {
        var manifest = $"manifests/{Guid.NewGuid():N}.json";
        await account.Container(StorageNames.FileContainer).GetBlobClient(manifest)
            .UploadAsync(BinaryData.FromObjectAsJson(entries, Json), overwrite: true, cancellationToken).ConfigureAwait(false);
        var target = new LinkTarget(StorageNames.FileContainer, manifest, "application/zip", fileName) { OwnsBlob = true };
        return await SaveAsync(ResolvedLink.ZipKind, target, lifetime, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The link for a token, or null when the token is malformed, unknown or expired.</summary>
    public async Task<ResolvedLink?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (!IsWellFormed(token))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(token[..HourFormat.Length], Hash(token), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var link = ToLink(response.Value!);
        return link.ExpiresAt <= time.GetUtcNow() ? null : link;
    }

    /// <summary>
    /// A fresh token for what an earlier link pointed to, expiring when that link did (never later): a replayed answer
    /// gets a working link without any token being kept at rest. Throws when that expiry has passed.
    /// </summary>
    public Task<IssuedLink> ReissueAsync(string kind, LinkTarget target, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (expiresAt <= time.GetUtcNow())
        {
            throw new ArgumentOutOfRangeException(nameof(expiresAt), expiresAt, "The link being reissued has expired.");
        }

        return SaveAsync(kind, target, expiresAt, cancellationToken);
    }

    /// <summary>The token part of a link URL (what follows <see cref="PathPrefix"/>).</summary>
    public static string TokenOf(string url) => url[(url.LastIndexOf(PathPrefix, StringComparison.Ordinal) + PathPrefix.Length)..];

    /// <summary>The blobs a zip link packs.</summary>
    public async Task<IReadOnlyList<ZipEntrySource>> ManifestAsync(ResolvedLink link, CancellationToken cancellationToken)
    {
        var content = await account.Container(link.Target.Container).GetBlobClient(link.Target.BlobName).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
        return content.Value.Content.ToObjectFromJson<List<ZipEntrySource>>(Json) ?? [];
    }

    /// <summary>
    /// Deletes every link whose expiry hour has ended, and first the blobs that existed only for it (exports, zip
    /// manifests; certificates and photos stay). Claim-free: deletes are idempotent, so instances may run it at once.
    /// </summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var before = HourOf(time.GetUtcNow());
        var deleted = 0;
        var query = _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey lt {before}"), select: CleanupColumns, cancellationToken: cancellationToken);
        await foreach (var e in query.ConfigureAwait(false))
        {
            if (OwnedBlobOf(e) is ({ } container, { } blob))
            {
                await account.Container(container).DeleteBlobIfExistsAsync(blob, cancellationToken: cancellationToken).ConfigureAwait(false);
                await account.Container(container).DeleteBlobIfExistsAsync(BuiltZipName(blob), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await _table.DeleteEntityAsync(e.PartitionKey, e.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                // another instance deleted it first
            }
        }

        return deleted;
    }

    /// <summary>Where the zip built from a manifest is kept (deleted with its link).</summary>
    public static string BuiltZipName(string manifestBlobName) => manifestBlobName + ".zip";

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    internal static bool IsWellFormed(string token) =>
        token.Length == HourFormat.Length + RandomLength
        && !token.AsSpan(0, HourFormat.Length).ContainsAnyExceptInRange('0', '9')
        && !token.AsSpan(HourFormat.Length).ContainsAnyExcept(Base64UrlChars);

    private Task<IssuedLink> SaveAsync(string kind, LinkTarget target, TimeSpan? lifetime, CancellationToken cancellationToken)
    {
        var span = lifetime ?? options.Value.Lifetime;
        if (span <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), span, "A link lifetime must be positive.");
        }

        return SaveAsync(kind, target, time.GetUtcNow() + span, cancellationToken);
    }

    private async Task<IssuedLink> SaveAsync(string kind, LinkTarget target, DateTimeOffset expires, CancellationToken cancellationToken)
    {
        var hour = HourOf(expires);
        var token = hour + Base64Url(RandomNumberGenerator.GetBytes(32));
        await _table.AddEntityAsync(ToEntity(hour, Hash(token), kind, target, expires), cancellationToken).ConfigureAwait(false);
        return new IssuedLink(options.Value.PublicBaseUrl.TrimEnd('/') + PathPrefix + token, expires);
    }

    private static string HourOf(DateTimeOffset at) => at.UtcDateTime.ToString(HourFormat, CultureInfo.InvariantCulture);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

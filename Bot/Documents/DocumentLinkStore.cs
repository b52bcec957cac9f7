using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using VolunteerBot.Storage;

namespace VolunteerBot.Documents;

/// <summary>A stored file behind a link.</summary>
public sealed record StoredFile(string BlobName, string FileName, string ContentType, DateTimeOffset ExpiresAt);

/// <summary>
/// Table <c>DocumentLinks</c>: PartitionKey = SHA-256 of the token (hex), RowKey <c>link</c>: blob name, file name,
/// content type, expiry. The token itself (256 random bits, base64url) is only in the link, never stored, so the
/// table cannot be read back into working links.
/// </summary>
public sealed class DocumentLinkStore(StorageAccount account, TimeProvider time)
{
    private readonly TableClient _table = account.Table(StorageNames.DocumentLinks);

    /// <summary>Creates an unguessable token for a blob, valid for <paramref name="lifetime"/>.</summary>
    public async Task<(string Token, DateTimeOffset ExpiresAt)> CreateAsync(string blobName, string fileName, string contentType, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var expires = time.GetUtcNow() + lifetime;
        await _table.AddEntityAsync(new TableEntity(Hash(token), "link")
        {
            ["BlobName"] = blobName,
            ["FileName"] = fileName,
            ["ContentType"] = contentType,
            ["ExpiresAt"] = expires,
        }, cancellationToken).ConfigureAwait(false);
        return (token, expires);
    }

    /// <summary>The file for a token, or null when the token is unknown, malformed or expired.</summary>
    public async Task<StoredFile?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 40 or > 64 || token.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return null;
        }

        var response = await _table.GetEntityIfExistsAsync<TableEntity>(Hash(token), "link", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!response.HasValue)
        {
            return null;
        }

        var e = response.Value!;
        var expires = e.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue;
        return time.GetUtcNow() >= expires
            ? null
            : new StoredFile(e.GetString("BlobName") ?? "", e.GetString("FileName") ?? "file", e.GetString("ContentType") ?? "application/octet-stream", expires);
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using System.IO.Compression;
using Microsoft.Net.Http.Headers;
using VolunteerBot.Storage;

namespace VolunteerBot.Files;

/// <summary>
/// <c>GET /media/{token}</c>: serves a private blob, or a zip assembled from several, to whoever holds an unexpired
/// token. Unknown or expired tokens get 404 and a line saying to ask the bot for a new link.
/// </summary>
public static partial class FileEndpoint
{
    public static async Task HandleAsync(string token, HttpContext context, FileLinks links, StorageAccount account, ILoggerFactory loggers)
    {
        var ct = context.RequestAborted;
        var link = await links.ResolveAsync(token, ct).ConfigureAwait(false);
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "private, max-age=300";
        if (link is null)
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync("链接无效或已过期，请在机器人中重新打开照片档案获取新链接。 The link is invalid or has expired: open the photo archive in the bot again for a new one.", ct).ConfigureAwait(false);
            return;
        }

        var disposition = new ContentDispositionHeaderValue(link.Inline ? "inline" : "attachment");
        disposition.SetHttpFileName(link.FileName);
        response.Headers.ContentDisposition = disposition.ToString();
        response.ContentType = link.ContentType;

        if (link.Kind == FileLink.ZipKind)
        {
            var entries = await links.ManifestAsync(link, ct).ConfigureAwait(false);
            LogZip(loggers.CreateLogger("VolunteerBot.Files"), entries.Count);

            // The zip is built in a temporary file (ZipArchive writes synchronously), then streamed.
            await using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            using (var zip = new ZipArchive(temp, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var entry in entries)
                {
                    var target = zip.CreateEntry(entry.EntryName, CompressionLevel.NoCompression);
                    await using var output = target.Open();
                    await account.Container(entry.Container).GetBlobClient(entry.BlobName).DownloadToAsync(output, ct).ConfigureAwait(false);
                }
            }

            response.ContentLength = temp.Length;
            temp.Position = 0;
            await temp.CopyToAsync(response.Body, ct).ConfigureAwait(false);
            return;
        }

        var blob = account.Container(link.Container).GetBlobClient(link.BlobName);
        var properties = await blob.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false);
        response.ContentLength = properties.Value.ContentLength;
        await blob.DownloadToAsync(response.Body, ct).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 8100, Level = LogLevel.Information, Message = "Zip download of {Count} files")]
    private static partial void LogZip(ILogger logger, int count);
}

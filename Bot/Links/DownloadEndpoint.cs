using System.IO.Compression;
using Microsoft.Net.Http.Headers;
using VolunteerBot.Hosting;
using VolunteerBot.Storage.Links;

namespace VolunteerBot.Links;

/// <summary>
/// <c>GET /files/{token}</c>: streams a private blob, or a zip assembled from several, to whoever holds an unexpired
/// token; every download is logged. A malformed, unknown or expired token gets the same 404 (a probe learns nothing)
/// with a line saying to ask the bot for a new link. Blobs are never exposed by URL.
/// </summary>
public static partial class DownloadEndpoint
{
    private const string Expired = "链接无效或已过期，请在机器人中重新获取下载链接。 The link is invalid or has expired: ask the bot again for a new one.";

    public static async Task HandleAsync(string token, HttpContext context, DownloadLinks links, IBlobStore blobs, ILoggerFactory loggers)
    {
        var ct = context.RequestAborted;
        var response = context.Response;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        var link = await links.ResolveAsync(token, ct).ConfigureAwait(false);
        if (link is null)
        {
            await NotFoundAsync(response, ct).ConfigureAwait(false);
            return;
        }

        var logger = loggers.CreateLogger("VolunteerBot.Links");
        var target = link.Target;
        if (link.Kind == ResolvedLink.ZipKind)
        {
            await WriteZipAsync(link, links, blobs, response, logger, ct).ConfigureAwait(false);
            return;
        }

        using var content = await blobs.OpenReadAsync(target.Container, target.BlobName, ct).ConfigureAwait(false);
        if (content is null)
        {
            LogMissingBlob(logger, link.Id, target.Container, target.BlobName);
            await NotFoundAsync(response, ct).ConfigureAwait(false);
            return;
        }

        WriteHeaders(response, target);
        response.ContentLength = content.Length;
        await content.Content.CopyToAsync(response.Body, ct).ConfigureAwait(false);
        LogDownload(logger, link.Id, target.FileName, target.Container, content.Length);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Building = new(StringComparer.Ordinal);

    /// <summary>
    /// A zip is built once, kept next to its manifest (<see cref="DownloadLinks.BuiltZipName"/>, deleted with the link)
    /// and streamed from there on every later GET. One build at a time per link in this instance; a second request
    /// waits for it and then streams the kept blob.
    /// </summary>
    private static async Task WriteZipAsync(ResolvedLink link, DownloadLinks links, IBlobStore blobs, HttpResponse response, ILogger logger, CancellationToken ct)
    {
        var (container, built) = (link.Target.Container, DownloadLinks.BuiltZipName(link.Target.BlobName));
        var gate = Building.GetOrAdd(link.Id, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!await blobs.ExistsAsync(container, built, ct).ConfigureAwait(false))
            {
                var count = await BuildZipAsync(link, links, blobs, built, logger, ct).ConfigureAwait(false);
                LogZipBuilt(logger, link.Id, count);
            }
        }
        finally
        {
            gate.Release();
        }

        using var download = await blobs.OpenReadAsync(container, built, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The zip of link {link.Id} was built but is not in storage.");
        WriteHeaders(response, link.Target);
        response.ContentLength = download.Length;
        await download.Content.CopyToAsync(response.Body, ct).ConfigureAwait(false);
        LogDownload(logger, link.Id, link.Target.FileName, "zip", download.Length);
    }

    private static async Task<int> BuildZipAsync(ResolvedLink link, DownloadLinks links, IBlobStore blobs,
        string built, ILogger logger, CancellationToken ct)
    {
        var entries = await links.ManifestAsync(link, ct).ConfigureAwait(false);

        // The zip is built in a temporary file (ZipArchive writes synchronously), then kept as a blob.
        await using var temp = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        using (var zip = new ZipArchive(temp, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                if (!await blobs.ExistsAsync(entry.Container, entry.BlobName, ct).ConfigureAwait(false))
                {
                    LogMissingBlob(logger, link.Id, entry.Container, entry.BlobName);
                    continue;
                }

                var target = zip.CreateEntry(entry.EntryName, CompressionLevel.NoCompression);
                await using var output = target.Open();
                await blobs.CopyToAsync(entry.Container, entry.BlobName, output, ct).ConfigureAwait(false);
            }
        }

        temp.Position = 0;
        await blobs.UploadAsync(link.Target.Container, built, temp, ct).ConfigureAwait(false);
        return entries.Count;
    }

    private static void WriteHeaders(HttpResponse response, LinkTarget target)
    {
        // Thumbnails shown on cards may be cached briefly by the client; files saved by users are not cached on the way.
        response.Headers.CacheControl = target.Inline ? "private, max-age=300" : "private, no-store";
        var disposition = new ContentDispositionHeaderValue(target.Inline ? "inline" : "attachment");
        disposition.SetHttpFileName(target.FileName); // filename (ASCII fallback) and filename* (UTF-8) for Chinese names
        response.Headers.ContentDisposition = disposition.ToString();
        response.ContentType = target.ContentType;
    }

    private static Task NotFoundAsync(HttpResponse response, CancellationToken ct)
    {
        response.StatusCode = StatusCodes.Status404NotFound;
        response.Headers.CacheControl = "no-store";
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(Expired, ct);
    }

    [LoggerMessage(EventId = 8100, Level = LogLevel.Information, Message = "Download {LinkId}: {FileName} from {Source}, {Bytes} bytes")]
    private static partial void LogDownload(ILogger logger, string linkId, string fileName, string source, long bytes);

    [LoggerMessage(EventId = 8102, Level = LogLevel.Information, Message = "Zip {LinkId} built once from {Count} entries and kept for later downloads")]
    private static partial void LogZipBuilt(ILogger logger, string linkId, int count);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Warning, Message = "Download {LinkId}: blob {Container}/{BlobName} is missing")]
    private static partial void LogMissingBlob(ILogger logger, string linkId, string container, string blobName);
}

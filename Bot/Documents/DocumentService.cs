using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Storage;

namespace VolunteerBot.Documents;

/// <summary>
/// Renders documents, keeps them in the private blob container <c>documents</c> (no public access; blobs are never
/// served directly) and hands out links to the bot's own <c>GET /files/{token}</c>.
/// </summary>
public sealed partial class DocumentService(
    StorageAccount account,
    DocumentLinkStore links,
    CertificateLog certificates,
    CertificateRenderer renderer,
    TimeProvider time,
    IOptions<DocumentOptions> options,
    ILogger<DocumentService> logger) : IDocumentService
{
    public const string PdfContentType = "application/pdf";
    private readonly BlobContainerClient _container = account.Container(StorageNames.DocumentsContainer);

    public async Task<IssuedCertificate> IssueCertificateAsync(CertificateContent content, string requestId, CancellationToken cancellationToken)
    {
        var existing = await certificates.FindByRequestAsync(content.VolunteerAadObjectId, requestId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            var again = await LinkAsync(existing.BlobName, FileNameOf(existing.Number), PdfContentType, cancellationToken).ConfigureAwait(false);
            return new IssuedCertificate(existing.Number, again, Repeated: true);
        }

        var number = await certificates.NextNumberAsync(content.IssuedOn.Year, cancellationToken).ConfigureAwait(false);
        var bytes = renderer.Render(content, number);
        var blobName = $"certificates/{content.IssuedOn.Year:D4}/{number}.pdf";
        await UploadAsync(blobName, bytes, PdfContentType, cancellationToken).ConfigureAwait(false);
        await certificates.LogAsync(new CertificateEntry(number, content.VolunteerAadObjectId, content.Name, content.From, content.To,
            content.TotalHours, blobName, time.GetUtcNow()), requestId, cancellationToken).ConfigureAwait(false);
        LogCertificate(number, content.VolunteerAadObjectId, content.TotalHours);
        var link = await LinkAsync(blobName, FileNameOf(number), PdfContentType, cancellationToken).ConfigureAwait(false);
        return new IssuedCertificate(number, link, Repeated: false);
    }

    public async Task<DocumentLink> PublishSpreadsheetAsync(Spreadsheet spreadsheet, string requestedByAadObjectId, CancellationToken cancellationToken)
    {
        var bytes = SpreadsheetRenderer.Render(spreadsheet);
        var now = time.GetUtcNow();
        var blobName = $"exports/{now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{Guid.NewGuid():N}.xlsx";
        await UploadAsync(blobName, bytes, SpreadsheetRenderer.ContentType, cancellationToken).ConfigureAwait(false);
        LogExport(spreadsheet.FileName, requestedByAadObjectId, spreadsheet.Sheets.Sum(s => s.Rows.Count));
        return await LinkAsync(blobName, spreadsheet.FileName, SpreadsheetRenderer.ContentType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens a stored file for the download endpoint.</summary>
    public async Task<Stream> OpenAsync(string blobName, CancellationToken cancellationToken) =>
        (await _container.GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Content;

    private async Task UploadAsync(string blobName, byte[] bytes, string contentType, CancellationToken cancellationToken)
    {
        await _container.GetBlobClient(blobName).UploadAsync(new BinaryData(bytes),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DocumentLink> LinkAsync(string blobName, string fileName, string contentType, CancellationToken cancellationToken)
    {
        var (token, expires) = await links.CreateAsync(blobName, fileName, contentType, options.Value.LinkLifetime, cancellationToken).ConfigureAwait(false);
        return new DocumentLink($"{options.Value.PublicBaseUrl.TrimEnd('/')}/files/{token}", expires, fileName);
    }

    private static string FileNameOf(string number) => $"志愿服务证明-{number}.pdf";

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Certificate {Number} issued to {Volunteer} for {Hours} hours")]
    private partial void LogCertificate(string number, string volunteer, decimal hours);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Export {FileName} for {Requester}: {Rows} rows")]
    private partial void LogExport(string fileName, string requester, int rows);
}

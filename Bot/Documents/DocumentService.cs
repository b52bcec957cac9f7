using System.Globalization;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Hosting;
using VolunteerBot.Links;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Documents;
using VolunteerBot.Storage.Links;

namespace VolunteerBot.Documents;

/// <summary>
/// Renders documents, keeps them in the private blob container <c>documents</c> (no public access; blobs are never
/// served directly) and hands out expiring links (<see cref="DownloadLinks"/>). Certificates are kept (and logged);
/// an export exists only for its link and goes with it.
/// </summary>
public sealed partial class DocumentService(
    IBlobStore blobs,
    DownloadLinks links,
    CertificateLog certificates,
    CertificateRenderer renderer,
    TimeProvider time,
    ILogger<DocumentService> logger) : IDocumentService
{
    public const string PdfContentType = "application/pdf";

    public async Task<IssuedCertificate> IssueCertificateAsync(CertificateContent content, string requestId, CancellationToken cancellationToken)
    {
        var existing = await certificates.FindByRequestAsync(content.VolunteerAadObjectId, requestId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            var again = await LinkAsync(existing.BlobName, FileNameOf(existing.Number), PdfContentType, ownsBlob: false, cancellationToken).ConfigureAwait(false);
            return new IssuedCertificate(existing.Number, again, Repeated: true);
        }

        var number = await certificates.NextNumberAsync(content.IssuedOn.Year, cancellationToken).ConfigureAwait(false);
        var bytes = renderer.Render(content, number);
        var blobName = $"certificates/{content.IssuedOn.Year:D4}/{number}.pdf";
        await UploadAsync(blobName, bytes, PdfContentType, cancellationToken).ConfigureAwait(false);
        await certificates.LogAsync(new CertificateEntry(number, content.VolunteerAadObjectId, content.Name, content.From, content.To,
            content.TotalHours, blobName, time.GetUtcNow()), requestId, cancellationToken).ConfigureAwait(false);
        LogCertificate(number, content.VolunteerAadObjectId, content.TotalHours);
        var link = await LinkAsync(blobName, FileNameOf(number), PdfContentType, ownsBlob: false, cancellationToken).ConfigureAwait(false);
        return new IssuedCertificate(number, link, Repeated: false);
    }

    public async Task<DocumentLink> PublishSpreadsheetAsync(Spreadsheet spreadsheet, string requestedByAadObjectId, CancellationToken cancellationToken)
    {
        var bytes = SpreadsheetRenderer.Render(spreadsheet);
        var now = time.GetUtcNow();
        var blobName = $"exports/{now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{Guid.NewGuid():N}.xlsx";
        await UploadAsync(blobName, bytes, SpreadsheetRenderer.ContentType, cancellationToken).ConfigureAwait(false);
        LogExport(spreadsheet.FileName, requestedByAadObjectId, spreadsheet.Sheets.Sum(s => s.Rows.Count));
        return await LinkAsync(blobName, spreadsheet.FileName, SpreadsheetRenderer.ContentType, ownsBlob: true, cancellationToken).ConfigureAwait(false);
    }

    private async Task UploadAsync(string blobName, byte[] bytes, string contentType, CancellationToken cancellationToken)
    {
        await blobs.UploadAsync(StorageNames.DocumentsContainer, blobName, new BinaryData(bytes), contentType, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DocumentLink> LinkAsync(string blobName, string fileName, string contentType, bool ownsBlob, CancellationToken cancellationToken)
    {
        var target = new LinkTarget(StorageNames.DocumentsContainer, blobName, contentType, fileName) { OwnsBlob = ownsBlob };
        var link = await links.CreateAsync(target, lifetime: null, cancellationToken).ConfigureAwait(false);
        return new DocumentLink(link.Url, link.ExpiresAt, fileName);
    }

    private static string FileNameOf(string number) => $"志愿服务证明-{number}.pdf";

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Certificate {Number} issued to {Volunteer} for {Hours} hours")]
    private partial void LogCertificate(string number, string volunteer, decimal hours);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Export {FileName} for {Requester}: {Rows} rows")]
    private partial void LogExport(string fileName, string requester, int rows);
}

using System.Globalization;
using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Hosting;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Links;

namespace VolunteerBot.Documents;

/// <summary>The points publication's workbook for a channel post: rendered, kept privately, linked for as long as the post is read.</summary>
public sealed class PublicationFiles(IBlobStore blobs, DownloadLinks links, TimeProvider time) : IPublicationFiles
{
    public async Task<DocumentLink> PublishAsync(Spreadsheet spreadsheet, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var blobName = $"exports/{time.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}/{Guid.NewGuid():N}.xlsx";
        await blobs.UploadAsync(StorageNames.DocumentsContainer, blobName, new BinaryData(SpreadsheetRenderer.Render(spreadsheet)), SpreadsheetRenderer.ContentType, cancellationToken).ConfigureAwait(false);
        var link = await links.CreateAsync(new LinkTarget(StorageNames.DocumentsContainer, blobName, SpreadsheetRenderer.ContentType, spreadsheet.FileName) { OwnsBlob = true },
            lifetime, cancellationToken).ConfigureAwait(false);
        return new DocumentLink(link.Url, link.ExpiresAt, spreadsheet.FileName);
    }
}

using Azure;
using Azure.Storage.Blobs.Models;
using VolunteerBot.Hosting;

namespace VolunteerBot.Storage;

/// <summary><see cref="IBlobStore"/> on the account's blob service (containers carry the account's name prefix).</summary>
public sealed class BlobStore(StorageAccount account) : IBlobStore
{
    public async Task UploadAsync(string container, string blobName, BinaryData content, string? contentType, CancellationToken cancellationToken) =>
        await account.Container(container).GetBlobClient(blobName).UploadAsync(content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken).ConfigureAwait(false);

    public async Task UploadAsync(string container, string blobName, Stream content, CancellationToken cancellationToken) =>
        await account.Container(container).GetBlobClient(blobName).UploadAsync(content, overwrite: true, cancellationToken).ConfigureAwait(false);

    public async Task<bool> ExistsAsync(string container, string blobName, CancellationToken cancellationToken) =>
        await account.Container(container).GetBlobClient(blobName).ExistsAsync(cancellationToken).ConfigureAwait(false);

    public async Task<BlobContent?> OpenReadAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var download = (await account.Container(container).GetBlobClient(blobName).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new BlobContent(download.Content, download.Details.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task CopyToAsync(string container, string blobName, Stream destination, CancellationToken cancellationToken) =>
        await account.Container(container).GetBlobClient(blobName).DownloadToAsync(destination, cancellationToken).ConfigureAwait(false);
}

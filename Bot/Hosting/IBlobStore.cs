namespace VolunteerBot.Hosting;

/// <summary>A private blob being read: its bytes as a stream and their count.</summary>
public sealed class BlobContent(Stream content, long length) : IDisposable
{
    public Stream Content { get; } = content;

    public long Length { get; } = length;

    public void Dispose() => Content.Dispose();
}

/// <summary>
/// The private blob containers (documents, photos) as the rest of the host sees them: write, test, read. Implemented in
/// <c>Storage/</c>, the only place that knows the Azure SDK; container names are the logical ones of <c>StorageNames</c>.
/// </summary>
public interface IBlobStore
{
    /// <summary>Writes (or overwrites) a blob, with the content type it is served with.</summary>
    Task UploadAsync(string container, string blobName, BinaryData content, string? contentType, CancellationToken cancellationToken);

    /// <summary>Writes (or overwrites) a blob from a stream, without a content type.</summary>
    Task UploadAsync(string container, string blobName, Stream content, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string container, string blobName, CancellationToken cancellationToken);

    /// <summary>Opens a blob for reading; null when it does not exist.</summary>
    Task<BlobContent?> OpenReadAsync(string container, string blobName, CancellationToken cancellationToken);

    /// <summary>Copies a blob into <paramref name="destination"/>.</summary>
    Task CopyToAsync(string container, string blobName, Stream destination, CancellationToken cancellationToken);
}

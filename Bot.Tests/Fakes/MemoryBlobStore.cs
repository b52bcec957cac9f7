using VolunteerBot.Hosting;

namespace VolunteerBot.Tests.Fakes;

/// <summary>The one in-memory IBlobStore (unit tests only); runs the same contract suite as BlobStore on Azurite.</summary>
public sealed class MemoryBlobStore : IBlobStore
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Container, string Name), (byte[] Bytes, string? ContentType)> _blobs = [];

    public Task UploadAsync(string container, string blobName, BinaryData content, string? contentType, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _blobs[(container, blobName)] = (content.ToArray(), contentType);
            return Task.CompletedTask;
        }
    }

    public async Task UploadAsync(string container, string blobName, Stream content, CancellationToken cancellationToken)
    {
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _blobs[(container, blobName)] = (copy.ToArray(), null);
        }
    }

    public Task<bool> ExistsAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_blobs.ContainsKey((container, blobName)));
        }
    }

    public Task<BlobContent?> OpenReadAsync(string container, string blobName, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_blobs.TryGetValue((container, blobName), out var blob)
                ? new BlobContent(new MemoryStream(blob.Bytes, writable: false), blob.Bytes.Length)
                : null);
        }
    }

    public async Task CopyToAsync(string container, string blobName, Stream destination, CancellationToken cancellationToken)
    {
        byte[] bytes;
        lock (_gate)
        {
            bytes = _blobs.TryGetValue((container, blobName), out var blob) ? blob.Bytes : throw new FileNotFoundException($"No blob {container}/{blobName}.");
        }

        await destination.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }
}

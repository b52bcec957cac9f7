using VolunteerBot.Hosting;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Links;

/// <summary>The IBlobStore contract; runs against the in-memory fake and the blob store on Azurite.</summary>
public abstract class BlobStoreContractTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;

    protected IBlobStore Store { get; private set; } = null!;

    protected abstract Task<IBlobStore> CreateAsync();

    public async Task InitializeAsync() => Store = await CreateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<byte[]> ReadAsync(string container, string name)
    {
        using var blob = await Store.OpenReadAsync(container, name, _ct);
        Assert.NotNull(blob);
        using var copy = new MemoryStream();
        await blob.Content.CopyToAsync(copy, _ct);
        Assert.Equal(copy.Length, blob.Length);
        return copy.ToArray();
    }

    [Fact]
    public async Task Missing_NotThereAndOpensAsNull()
    {
        Assert.False(await Store.ExistsAsync(StorageNames.DocumentsContainer, "certificates/none.pdf", _ct));
        Assert.Null(await Store.OpenReadAsync(StorageNames.DocumentsContainer, "certificates/none.pdf", _ct));
    }

    [Fact]
    public async Task Upload_BinaryThenAgain_OverwritesAndReadsBackTheLatest()
    {
        await Store.UploadAsync(StorageNames.DocumentsContainer, "certificates/2025/a.pdf", BinaryData.FromBytes([1, 2, 3]), "application/pdf", _ct);
        await Store.UploadAsync(StorageNames.DocumentsContainer, "certificates/2025/a.pdf", BinaryData.FromBytes([4, 5, 6, 7]), "application/pdf", _ct);

        Assert.True(await Store.ExistsAsync(StorageNames.DocumentsContainer, "certificates/2025/a.pdf", _ct));
        Assert.Equal([4, 5, 6, 7], await ReadAsync(StorageNames.DocumentsContainer, "certificates/2025/a.pdf"));
        Assert.False(await Store.ExistsAsync(StorageNames.PhotoContainer, "certificates/2025/a.pdf", _ct)); // containers are apart
    }

    [Fact]
    public async Task Upload_StreamThenAgain_OverwritesAndCopiesOut()
    {
        var big = Enumerable.Range(0, 300_000).Select(i => (byte)(i % 251)).ToArray();
        await Store.UploadAsync(StorageNames.PhotoContainer, "2025-aaaa0001/p1.jpg", new MemoryStream([9, 9, 9]), _ct);
        await Store.UploadAsync(StorageNames.PhotoContainer, "2025-aaaa0001/p1.jpg", new MemoryStream(big), _ct);

        using var destination = new MemoryStream();
        await Store.CopyToAsync(StorageNames.PhotoContainer, "2025-aaaa0001/p1.jpg", destination, _ct);

        Assert.Equal(big, destination.ToArray());
        Assert.Equal(big, await ReadAsync(StorageNames.PhotoContainer, "2025-aaaa0001/p1.jpg"));
    }

    [Fact]
    public async Task Upload_ChineseName_FoundUnderTheSameName()
    {
        await Store.UploadAsync(StorageNames.FileContainer, "exports/2025年第一季度 志愿时长.xlsx", BinaryData.FromString("表格"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ct);

        Assert.True(await Store.ExistsAsync(StorageNames.FileContainer, "exports/2025年第一季度 志愿时长.xlsx", _ct));
        Assert.Equal("表格", System.Text.Encoding.UTF8.GetString(await ReadAsync(StorageNames.FileContainer, "exports/2025年第一季度 志愿时长.xlsx")));
    }
}

public sealed class MemoryBlobStoreContractTests : BlobStoreContractTests
{
    protected override Task<IBlobStore> CreateAsync() => Task.FromResult<IBlobStore>(new MemoryBlobStore());
}

public sealed class AzuriteBlobStoreContractTests : BlobStoreContractTests
{
    protected override async Task<IBlobStore> CreateAsync() => new BlobStore(await TestStorage.CreateAccountAsync());
}

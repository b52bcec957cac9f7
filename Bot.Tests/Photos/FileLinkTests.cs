using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VolunteerBot.Files;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Photos;

public sealed class FileLinkTests
{
    [Fact]
    public async Task Resolve_BeforeAndAfterExpiry_ReturnsLinkThenNothing()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 5, 6, 1, 0, 0, TimeSpan.Zero));
        var links = new FileLinks(await TestStorage.CreateAccountAsync(), Options.Create(new FileLinkOptions { PublicBaseUrl = "https://bot.example.test/" }), time);

        var url = await links.ForBlobAsync(StorageNames.PhotoContainer, "p/x.jpg", "image/jpeg", "x.jpg", inline: true, TimeSpan.FromHours(2), CancellationToken.None);
        var token = url["https://bot.example.test/media/".Length..];
        var fresh = await links.ResolveAsync(token, CancellationToken.None);
        time.Advance(TimeSpan.FromHours(2));
        var expired = await links.ResolveAsync(token, CancellationToken.None);

        Assert.StartsWith("https://bot.example.test/media/", url, StringComparison.Ordinal);
        Assert.True(token.Length >= 43);
        Assert.Equal("p/x.jpg", fresh!.BlobName);
        Assert.Null(expired);
        Assert.Null(await links.ResolveAsync("../../etc/passwd", CancellationToken.None));
    }
}

using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using SkiaSharp;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Photos;
using VolunteerBot.Tests.Gear;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Trust;

/// <summary>Images are judged by their declared dimensions before anything is decoded.</summary>
public sealed class ImageLimitTests
{
    /// <summary>A valid PNG header that declares <paramref name="width"/>×<paramref name="height"/> with almost no pixel data.</summary>
    public static byte[] DeclaringPng(int width, int height)
    {
        using var ms = new MemoryStream();
        ms.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // RGB
        Chunk(ms, "IHDR", ihdr);
        using (var z = new MemoryStream())
        {
            using (var zlib = new ZLibStream(z, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[4096]);
            }

            Chunk(ms, "IDAT", z.ToArray());
        }

        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    [Fact]
    public void Inspector_TinyPngDeclaring30000Square_ReadsDimensionsWithoutDecoding()
    {
        var png = DeclaringPng(30_000, 30_000);

        var size = new SkiaImageInspector().Dimensions(png);

        Assert.True(png.Length < 2048, $"{png.Length} bytes");
        Assert.Equal((30_000, 30_000), size);
        Assert.True(ImageLimits.Exceeds(30_000, 30_000));
    }

    [Theory]
    [InlineData(30_000, 30_000, true)]
    [InlineData(12_001, 100, true)]
    [InlineData(100, 12_001, true)]
    [InlineData(8_000, 6_000, true)]   // 48 MP
    [InlineData(7_000, 5_000, false)]  // 35 MP
    [InlineData(12_000, 3_000, false)]
    [InlineData(0, 10, true)]
    public void Exceeds_LimitsOf40MegapixelsAnd12000PerSide(int w, int h, bool exceeds)
    {
        Assert.Equal(exceeds, ImageLimits.Exceeds(w, h));
    }

    [Fact]
    public void Thumbnailer_TinyPngDeclaring30000Square_RefusesWithoutDecoding()
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var thumb = Thumbnailer.TryMake(DeclaringPng(30_000, 30_000));

        Assert.Null(thumb);
        Assert.True(GC.GetTotalAllocatedBytes(precise: true) - before < 64L * 1024 * 1024);
    }

    [Fact]
    public void Thumbnailer_LargeJpeg_DecodesReducedAndFitsMaxSide()
    {
        using var bitmap = new SKBitmap(4000, 3000);
        bitmap.Erase(SKColors.SteelBlue);
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 80).ToArray();

        var thumb = Thumbnailer.TryMake(jpeg);

        Assert.NotNull(thumb);
        using var decoded = SKBitmap.Decode(thumb);
        Assert.Equal(Thumbnailer.MaxSide, Math.Max(decoded.Width, decoded.Height));
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typed = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type).CopyTo(typed, 0);
        data.CopyTo(typed, 4);
        s.Write(typed);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        s.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}

/// <summary>An upload that declares too many pixels is refused with a localized message and nothing is stored.</summary>
public sealed class ImageUploadLimitTests : IAsyncLifetime
{
    private GearScenario _s = null!;

    public async Task InitializeAsync() => _s = await GearScenario.StartAsync(new Dictionary<string, string?> { ["Links:PublicBaseUrl"] = "https://bot.example.test" });

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task PhotoUpload_PngDeclaring30000Square_RefusedWithSizeMessageAndNotStored()
    {
        var project = await _s.ProjectAsync(_s.Energy.Id, DateTimeOffset.UtcNow.AddHours(-1));
        _s.Connector.Files["/attachments/bomb"] = ("image/png", ImageLimitTests.DeclaringPng(30_000, 30_000));
        var activity = TestActivities.Message(_s.Connector.Url, _s.Volunteer, "");
        activity["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "image/png", ["contentUrl"] = _s.Connector.Url.TrimEnd('/') + "/attachments/bomb", ["name"] = "巨图.png",
        });
        var before = _s.Connector.Calls.Count;

        var (status, _) = await _s.Bot.SendAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        var calls = await _s.Connector.WaitForAsync(c => c.Skip(before).Any(x => x.Method == "POST" && x.Path.Contains(_s.Volunteer.ConversationId, StringComparison.Ordinal)));
        var reply = string.Join("\n", calls.Skip(before).Select(x => x.CardText + x.Text));
        Assert.Contains("巨图.png", reply, StringComparison.Ordinal);
        Assert.Contains("尺寸过大（30000×30000 像素）", reply, StringComparison.Ordinal);
        Assert.Empty(await _s.Bot.Service<IPhotoArchive>().ListAsync(project.Id, CancellationToken.None));
    }
}

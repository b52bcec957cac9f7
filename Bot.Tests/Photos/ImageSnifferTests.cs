using VolunteerBot.Dialogs.Domain.Photos;

namespace VolunteerBot.Tests.Photos;

public sealed class ImageSnifferTests
{
    public static byte[] Jpeg => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8.ToArray(), 0x00];
    public static byte[] Png => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
    public static byte[] Pdf => [.. "%PDF-1.7\n"u8.ToArray()];

    [Fact]
    public void Sniff_KnownMagicBytes_NamesTheFormat()
    {
        Assert.Equal(ImageKind.Jpeg, ImageSniffer.Sniff(Jpeg));
        Assert.Equal(ImageKind.Png, ImageSniffer.Sniff(Png));
        Assert.Equal(ImageKind.Gif, ImageSniffer.Sniff("GIF89a\u0001\u0000"u8));
        Assert.Equal(ImageKind.WebP, ImageSniffer.Sniff([.. "RIFF"u8.ToArray(), 1, 2, 3, 4, .. "WEBPVP8 "u8.ToArray()]));
        Assert.Equal(ImageKind.Heic, ImageSniffer.Sniff([0, 0, 0, 0x18, .. "ftypheic"u8.ToArray(), 0, 0, 0, 0]));
    }

    [Fact]
    public void Sniff_DocumentsVideosAndTruncatedFiles_AreNotImages()
    {
        Assert.Null(ImageSniffer.Sniff(Pdf));
        Assert.Null(ImageSniffer.Sniff([0, 0, 0, 0x18, .. "ftypmp42"u8.ToArray()])); // an MP4 video
        Assert.Null(ImageSniffer.Sniff("PK\u0003\u0004"u8)); // a zip or .docx renamed to .jpg
        Assert.Null(ImageSniffer.Sniff([0xFF, 0xD8]));
        Assert.Null(ImageSniffer.Sniff([]));
    }
}

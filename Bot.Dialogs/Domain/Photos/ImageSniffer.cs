namespace VolunteerBot.Dialogs.Domain.Photos;

/// <summary>The image formats the archive keeps.</summary>
public enum ImageKind
{
    Jpeg,
    Png,
    Gif,
    WebP,
    Heic,
}

/// <summary>
/// Tells what an image really is from its first bytes (magic numbers), never from its name or the type the sender
/// claimed: a renamed document or program is refused.
/// </summary>
public static class ImageSniffer
{
    /// <summary>Photos larger than this are refused (10 MB).</summary>
    public const long MaxBytes = 10L * 1024 * 1024;

    private static readonly string[] HeifBrands = ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"];

    public static ImageKind? Sniff(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return ImageKind.Jpeg;
        }

        if (bytes.Length >= 8 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageKind.Png;
        }

        if (bytes.Length >= 6 && (bytes[..6].SequenceEqual("GIF87a"u8) || bytes[..6].SequenceEqual("GIF89a"u8)))
        {
            return ImageKind.Gif;
        }

        if (bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageKind.WebP;
        }

        // ISO base media: [size]["ftyp"][major brand]; HEIC/HEIF photos (iPhone) carry one of the HEIF brands.
        if (bytes.Length >= 12 && bytes[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = System.Text.Encoding.ASCII.GetString(bytes[8..12]);
            if (HeifBrands.Contains(brand, StringComparer.Ordinal))
            {
                return ImageKind.Heic;
            }
        }

        return null;
    }

    public static string ContentType(this ImageKind kind) => kind switch
    {
        ImageKind.Jpeg => "image/jpeg",
        ImageKind.Png => "image/png",
        ImageKind.Gif => "image/gif",
        ImageKind.WebP => "image/webp",
        _ => "image/heic",
    };

    public static string Extension(this ImageKind kind) => kind switch
    {
        ImageKind.Jpeg => ".jpg",
        ImageKind.Png => ".png",
        ImageKind.Gif => ".gif",
        ImageKind.WebP => ".webp",
        _ => ".heic",
    };

    /// <summary>Teams image attachments and file attachments (file.download.info); cards and HTML are not photos.</summary>
    public static bool IsCandidate(IncomingAttachment a) =>
        a.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
        || a.ContentType == "application/vnd.microsoft.teams.file.download.info";
}

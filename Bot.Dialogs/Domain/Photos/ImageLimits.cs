namespace VolunteerBot.Dialogs.Domain.Photos;

/// <summary>
/// How large a picture may be, judged from the dimensions its header declares before anything is decoded: a small
/// file can declare 30000×30000 pixels and would need gigabytes to decode.
/// </summary>
public static class ImageLimits
{
    public const long MaxPixels = 40_000_000;

    public const int MaxSide = 12_000;

    public static bool Exceeds(int width, int height) =>
        width <= 0 || height <= 0 || width > MaxSide || height > MaxSide || (long)width * height > MaxPixels;
}

/// <summary>Reads an image's declared dimensions from its header without decoding the pixels.</summary>
public interface IImageInspector
{
    /// <summary>Width and height, or null when the format cannot be read here (e.g. HEIC).</summary>
    (int Width, int Height)? Dimensions(byte[] bytes);
}

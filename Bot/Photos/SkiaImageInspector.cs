using SkiaSharp;
using VolunteerBot.Dialogs.Domain.Photos;

namespace VolunteerBot.Photos;

/// <summary>Declared dimensions through <see cref="SKCodec"/>: reads the header only, never the pixels.</summary>
public sealed class SkiaImageInspector : IImageInspector
{
    public (int Width, int Height)? Dimensions(byte[] bytes)
    {
        try
        {
            using var data = SKData.CreateCopy(bytes);
            using var codec = SKCodec.Create(data);
            return codec is null ? null : (codec.Info.Width, codec.Info.Height);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or DllNotFoundException or TypeInitializationException)
        {
            return null;
        }
    }
}

using SkiaSharp;
using VolunteerBot.Dialogs.Domain.Photos;

namespace VolunteerBot.Photos;

/// <summary>
/// Makes a small JPEG thumbnail (longest side <see cref="MaxSide"/> px) for the archive card, upright per the photo's
/// EXIF orientation. Formats Skia cannot decode here (HEIC) get none; the card then links the original.
/// </summary>
public static class Thumbnailer
{
    public const int MaxSide = 320;

    public static byte[]? TryMake(byte[] bytes)
    {
        try
        {
            using var data = SKData.CreateCopy(bytes);
            using var codec = SKCodec.Create(data);
            if (codec is null)
            {
                return null;
            }

            // Dimensions from the header first: a tiny file that declares 30000×30000 is refused before any decoding.
            var info = codec.Info;
            if (ImageLimits.Exceeds(info.Width, info.Height))
            {
                return null;
            }

            using var source = DecodeReduced(codec);
            if (source is null || source.Width == 0 || source.Height == 0)
            {
                return null;
            }

            var origin = codec.EncodedOrigin;
            var sideways = origin is SKEncodedOrigin.RightTop or SKEncodedOrigin.LeftBottom or SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightBottom;
            var scale = Math.Min(1.0, (double)MaxSide / Math.Max(source.Width, source.Height));
            var w = Math.Max(1, (int)Math.Round(source.Width * scale));
            var h = Math.Max(1, (int)Math.Round(source.Height * scale));
            var (outW, outH) = sideways ? (h, w) : (w, h);

            using var target = new SKBitmap(new SKImageInfo(outW, outH, SKColorType.Rgba8888, SKAlphaType.Premul));
            using (var canvas = new SKCanvas(target))
            {
                canvas.Clear(SKColors.White);
                switch (origin)
                {
                    case SKEncodedOrigin.RightTop:
                        canvas.Translate(outW, 0);
                        canvas.RotateDegrees(90);
                        break;
                    case SKEncodedOrigin.BottomRight:
                        canvas.Translate(outW, outH);
                        canvas.RotateDegrees(180);
                        break;
                    case SKEncodedOrigin.LeftBottom:
                        canvas.Translate(0, outH);
                        canvas.RotateDegrees(-90);
                        break;
                }

                using var image = SKImage.FromBitmap(source);
                canvas.DrawImage(image, new SKRect(0, 0, w, h), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }

            using var encoded = SKImage.FromBitmap(target).Encode(SKEncodedImageFormat.Jpeg, 75);
            return encoded?.ToArray();
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or DllNotFoundException or TypeInitializationException)
        {
            // No thumbnail is not an error: the original is shown through its link instead.
            return null;
        }
    }

    /// <summary>
    /// Decodes at the smallest scale the codec supports that still covers <see cref="MaxSide"/> (JPEG decodes at 1/2,
    /// 1/4, 1/8 directly); formats without scaled decoding fall back to a full decode, which the limits keep bounded.
    /// </summary>
    private static SKBitmap? DecodeReduced(SKCodec codec)
    {
        var info = codec.Info;
        var longest = Math.Max(info.Width, info.Height);
        if (longest > MaxSide * 2)
        {
            var wanted = (float)(MaxSide * 2) / longest;
            var scaled = codec.GetScaledDimensions(wanted);
            if (scaled.Width > 0 && scaled.Height > 0 && scaled.Width < info.Width)
            {
                var target = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
                var bitmap = new SKBitmap(target);
                if (codec.GetPixels(target, bitmap.GetPixels()) is SKCodecResult.Success or SKCodecResult.IncompleteInput)
                {
                    return bitmap;
                }

                bitmap.Dispose();
            }
        }

        return SKBitmap.Decode(codec);
    }
}

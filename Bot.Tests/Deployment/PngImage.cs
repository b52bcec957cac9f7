using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace VolunteerBot.Tests.Deployment;

/// <summary>
/// A small PNG reader for the icon tests: 8-bit RGBA or RGB, not interlaced, all five row filters.
/// Checks the signature and every chunk's CRC, so a damaged file fails instead of decoding to noise.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private PngImage(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Width × Height × 4 bytes, rows top to bottom.</summary>
    public byte[] Rgba { get; }

    public (byte R, byte G, byte B, byte A) Pixel(int x, int y)
    {
        var o = ((y * Width) + x) * 4;
        return (Rgba[o], Rgba[o + 1], Rgba[o + 2], Rgba[o + 3]);
    }

    public static PngImage Read(byte[] file)
    {
        if (file.Length < Signature.Length || !file.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG file (bad signature)");
        }

        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        var offset = Signature.Length;
        var ended = false;
        while (!ended)
        {
            if (offset + 12 > file.Length)
            {
                throw new InvalidDataException("PNG ends before IEND");
            }

            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset)));
            var type = Encoding.ASCII.GetString(file, offset + 4, 4);
            var data = file.AsSpan(offset + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(offset + 8 + length));
            if (Crc32(file.AsSpan(offset + 4, length + 4)) != crc)
            {
                throw new InvalidDataException($"PNG chunk {type} has a bad CRC");
            }

            switch (type)
            {
                case "IHDR":
                    width = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data));
                    height = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data[4..]));
                    var (bitDepth, colourType, interlace) = (data[8], data[9], data[12]);
                    channels = colourType switch
                    {
                        6 => 4,
                        2 => 3,
                        _ => throw new InvalidDataException($"PNG colour type {colourType} is not supported by this reader"),
                    };
                    if (bitDepth != 8 || interlace != 0)
                    {
                        throw new InvalidDataException("only 8-bit, non-interlaced PNGs are supported by this reader");
                    }

                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
                case "IEND":
                    ended = true;
                    break;
            }

            offset += 12 + length;
        }

        if (width == 0 || height == 0)
        {
            throw new InvalidDataException("PNG has no IHDR");
        }

        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var raw = inflated.ToArray();
        var stride = width * channels;
        if (raw.Length != (stride + 1) * height)
        {
            throw new InvalidDataException($"PNG image data has {raw.Length} bytes, expected {(stride + 1) * height}");
        }

        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var row = raw.AsSpan((y * (stride + 1)) + 1, stride);
            var current = pixels.AsSpan(y * stride, stride);
            var previous = y == 0 ? new byte[stride] : pixels.AsSpan((y - 1) * stride, stride);
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? current[i - channels] : 0;
                int up = previous[i];
                int upLeft = i >= channels ? previous[i - channels] : 0;
                current[i] = (byte)(row[i] + filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"PNG row filter {filter} is invalid"),
                });
            }
        }

        if (channels == 4)
        {
            return new PngImage(width, height, pixels);
        }

        var rgba = new byte[width * height * 4];
        for (var p = 0; p < width * height; p++)
        {
            rgba[p * 4] = pixels[p * 3];
            rgba[(p * 4) + 1] = pixels[(p * 3) + 1];
            rgba[(p * 4) + 2] = pixels[(p * 3) + 2];
            rgba[(p * 4) + 3] = 255;
        }

        return new PngImage(width, height, rgba);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var c = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            c ^= b;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
        }

        return c ^ 0xFFFFFFFFu;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}

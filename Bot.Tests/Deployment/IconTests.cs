namespace VolunteerBot.Tests.Deployment;

/// <summary>The Teams icons: colour 192×192, outline 32×32 white on fully transparent, regenerated from the committed script.</summary>
public sealed class IconTests
{
    private static PngImage Load(string name) => PngImage.Read(File.ReadAllBytes(Path.Combine(RepoPaths.Manifest, name)));

    [Fact]
    public void ColorIcon_Decoded_Is192SquareAndOpaque()
    {
        var icon = Load("color.png");

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        for (var y = 0; y < icon.Height; y++)
        {
            for (var x = 0; x < icon.Width; x++)
            {
                Assert.True(icon.Pixel(x, y).A == 255, $"colour icon pixel ({x},{y}) is not opaque");
            }
        }

        // the background is the accent red, the emblem in the middle is white
        Assert.Equal((0xC8, 0x10, 0x2E, 0xFF), ToTuple(icon.Pixel(0, 0)));
        Assert.Equal((0xFF, 0xFF, 0xFF, 0xFF), ToTuple(icon.Pixel(60, 96)));
    }

    [Fact]
    public void OutlineIcon_Decoded_Is32SquareWhiteOnFullyTransparent()
    {
        var icon = Load("outline.png");

        Assert.Equal((32, 32), (icon.Width, icon.Height));
        var drawn = 0;
        for (var y = 0; y < icon.Height; y++)
        {
            for (var x = 0; x < icon.Width; x++)
            {
                var (r, g, b, a) = icon.Pixel(x, y);
                if (a == 0)
                {
                    continue;
                }

                Assert.True(r == 255 && g == 255 && b == 255, $"outline icon pixel ({x},{y}) is ({r},{g},{b},{a}): only white or fully transparent is allowed");
                drawn++;
            }
        }

        Assert.Equal(0, icon.Pixel(0, 0).A);
        Assert.Equal(0, icon.Pixel(31, 31).A);
        Assert.InRange(drawn, 60, 32 * 32 / 2); // an outline: something drawn, most of the square left transparent
    }

    [Fact]
    public async Task MakeIcons_RunAgain_GivesTheCommittedBytes()
    {
        var output = Directory.CreateTempSubdirectory("volunteerbot-icons-");
        try
        {
            var result = await ProcessRunner.RunAsync("node", [Path.Combine(RepoPaths.Manifest, "tools", "make-icons.mjs"), output.FullName], RepoPaths.Root);

            Assert.True(result.ExitCode == 0, result.Combined);
            foreach (var name in new[] { "color.png", "outline.png" })
            {
                Assert.True(
                    File.ReadAllBytes(Path.Combine(RepoPaths.Manifest, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(output.FullName, name))),
                    $"manifest/{name} differs from what manifest/tools/make-icons.mjs draws: run `node manifest/tools/make-icons.mjs` and commit the result");
            }
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Fact]
    public void Read_CorruptedChunk_Throws()
    {
        var bytes = File.ReadAllBytes(Path.Combine(RepoPaths.Manifest, "outline.png"));
        bytes[50] ^= 0xFF; // inside the IDAT data

        Assert.Throws<InvalidDataException>(() => PngImage.Read(bytes));
    }

    private static (int, int, int, int) ToTuple((byte R, byte G, byte B, byte A) p) => (p.R, p.G, p.B, p.A);
}

using Microsoft.Extensions.Options;
using SkiaSharp;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Localization;

namespace VolunteerBot.Documents;

/// <summary>
/// Renders the certificate of service (志愿服务证明) as an A4 PDF with SkiaSharp. The Chinese font is loaded from
/// the app folder (Bot/Assets/Fonts, copied to the output) — never from the system, which on App Service has no CJK
/// fonts — and SkiaSharp embeds the glyphs used.
/// </summary>
public sealed class CertificateRenderer : IDisposable
{
    private const float Width = 595f;
    private const float Height = 842f;
    private const float Margin = 64f;
    // Loaded on the first certificate, not when the handlers that can issue one are built: the font and SkiaSharp's
    // native library cost ~3 MB of resident memory that a bot answering ordinary turns never needs (docs/benchmarks.md).
    private readonly Lazy<SKTypeface> _typeface;
    private readonly string _unit;

    public CertificateRenderer(IOptions<DocumentOptions> options)
    {
        var path = Path.IsPathRooted(options.Value.FontPath) ? options.Value.FontPath : Path.Combine(AppContext.BaseDirectory, options.Value.FontPath);
        _typeface = new(() => SKTypeface.FromFile(path)
            ?? throw new InvalidOperationException($"The certificate font was not found at {path}; it ships in Bot/Assets/Fonts."));
        _unit = options.Value.IssuingUnit;
    }

    public string FamilyName => _typeface.Value.FamilyName;

    public byte[] Render(CertificateContent c, string number)
    {
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = "志愿服务证明 " + number,
            Author = _unit,
            Creator = "VolunteerBot",
            Producer = "VolunteerBot",
            Creation = DateTime.SpecifyKind(c.IssuedOn.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc),
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            var typeface = _typeface.Value;
            using var title = new SKFont(typeface, 26);
            using var body = new SKFont(typeface, 13);
            using var small = new SKFont(typeface, 10.5f);
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var rule = new SKPaint { Color = new SKColor(0x99, 0x99, 0x99), StrokeWidth = 0.6f, IsStroke = true };

            var canvas = document.BeginPage(Width, Height);
            var y = Margin + 10;
            canvas.DrawText("证明编号：" + number, Width - Margin, y, SKTextAlign.Right, small, ink);
            y += 50;
            canvas.DrawText("志愿服务证明", Width / 2, y, SKTextAlign.Center, title, ink);
            y += 50;

            var id = string.IsNullOrWhiteSpace(c.NationalVolunteerId) ? "" : $"（全国志愿服务信息系统志愿者编号：{c.NationalVolunteerId}）";
            var text = $"兹证明 {c.Name}{id}，系{c.DivisionName}注册志愿者。{Date(c.From)}至{Date(c.To)}期间，"
                + $"经组织单位确认，累计参加志愿服务 {HoursRules.Format(c.TotalHours)} 小时，共 {c.Services.Count} 次。服务记录如下：";
            foreach (var line in Wrap(text, body, Width - (2 * Margin), indent: 2))
            {
                canvas.DrawText(line, Margin, y, SKTextAlign.Left, body, ink);
                y += 22;
            }

            y += 8;
            var columns = new[] { Margin, Margin + 100, Width - Margin - 70 };
            void Header(SKCanvas page)
            {
                page.DrawText("服务日期", columns[0], y, SKTextAlign.Left, small, ink);
                page.DrawText("服务项目", columns[1], y, SKTextAlign.Left, small, ink);
                page.DrawText("时长（小时）", Width - Margin, y, SKTextAlign.Right, small, ink);
                y += 6;
                page.DrawLine(Margin, y, Width - Margin, y, rule);
                y += 16;
            }

            Header(canvas);
            foreach (var s in c.Services)
            {
                if (y > Height - 150)
                {
                    document.EndPage();
                    canvas = document.BeginPage(Width, Height);
                    y = Margin + 10;
                    Header(canvas);
                }

                canvas.DrawText(Zh.Date(s.Date), columns[0], y, SKTextAlign.Left, small, ink);
                canvas.DrawText(Fit(s.Project, small, columns[2] - columns[1] - 10), columns[1], y, SKTextAlign.Left, small, ink);
                canvas.DrawText(HoursRules.Format(s.Hours), Width - Margin, y, SKTextAlign.Right, small, ink);
                y += 18;
            }

            canvas.DrawLine(Margin, y - 10, Width - Margin, y - 10, rule);
            y = Math.Max(y + 40, Height - 170);
            canvas.DrawText("特此证明。", Margin, y, SKTextAlign.Left, body, ink);
            y += 50;
            canvas.DrawText("记录单位：" + _unit, Width - Margin, y, SKTextAlign.Right, body, ink);
            y += 26;
            canvas.DrawText("出具日期：" + Date(c.IssuedOn), Width - Margin, y, SKTextAlign.Right, body, ink);
            document.EndPage();
            document.Close();
        }

        return stream.ToArray();
    }

    public void Dispose()
    {
        if (_typeface.IsValueCreated)
        {
            _typeface.Value.Dispose();
        }
    }

    /// <summary>The certificate is an official document in Chinese: its dates follow the zh-CN text catalogue.</summary>
    private static readonly Localizer Zh = Localizer.For(Language.ZhCn);

    private static string Date(DateOnly d) => Zh.LongDate(d);

    /// <summary>Breaks text into lines that fit the width, character by character (Chinese has no spaces to break at).</summary>
    private static IEnumerable<string> Wrap(string text, SKFont font, float width, int indent)
    {
        var line = new string('\u3000', indent);
        foreach (var ch in text)
        {
            var next = line + ch;
            if (font.MeasureText(next) > width)
            {
                yield return line;
                line = ch.ToString();
            }
            else
            {
                line = next;
            }
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }

    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        var cut = text;
        while (cut.Length > 1 && font.MeasureText(cut + "…") > width)
        {
            cut = cut[..^1];
        }

        return cut + "…";
    }
}

using Microsoft.Extensions.Options;
using SkiaSharp;
using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Hosting;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Documents;
using VolunteerBot.Storage.Links;

namespace VolunteerBot.Documents;

/// <summary>
/// The 荣誉证书 of an outstanding volunteer (R14): an A4 landscape PDF in the certificate font (Documents:FontPath), numbered
/// from the same yearly sequence as the certificate of service (<c>LF-{yyyy}-{000001}</c>, <see cref="CertificateLog"/>), logged
/// there, kept in the private documents container and handed out through an expiring link. A repeated request id gets the
/// same number again with a fresh link.
/// </summary>
public sealed partial class HonourCertificates(
    IBlobStore blobs,
    DownloadLinks links,
    CertificateLog log,
    IOptions<DocumentOptions> options,
    TimeProvider time,
    ILogger<HonourCertificates> logger) : IHonourCertificates, IDisposable
{
    private const float Width = 842f;
    private const float Height = 595f;
    private readonly Lazy<SKTypeface> _typeface = new(() =>
    {
        var path = Path.IsPathRooted(options.Value.FontPath) ? options.Value.FontPath : Path.Combine(AppContext.BaseDirectory, options.Value.FontPath);
        return SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"The certificate font was not found at {path}; it ships in Bot/Assets/Fonts.");
    });

    public string FamilyName => _typeface.Value.FamilyName;

    public async Task<IssuedCertificate> IssueAsync(HonourCertificateContent content, string requestId, CancellationToken cancellationToken)
    {
        var existing = await log.FindByRequestAsync(content.VolunteerAadObjectId, requestId, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new IssuedCertificate(existing.Number, await LinkAsync(existing.BlobName, existing.Number, cancellationToken).ConfigureAwait(false), Repeated: true);
        }

        var number = await log.NextNumberAsync(content.IssuedOn.Year, cancellationToken).ConfigureAwait(false);
        var blobName = $"certificates/{content.IssuedOn.Year:D4}/{number}.pdf";
        await blobs.UploadAsync(StorageNames.DocumentsContainer, blobName, new BinaryData(Render(content, number)), DocumentService.PdfContentType, cancellationToken).ConfigureAwait(false);
        await log.LogAsync(new CertificateEntry(number, content.VolunteerAadObjectId, content.Name, new DateOnly(content.Year, 1, 1), new DateOnly(content.Year, 12, 31),
            content.Hours, blobName, time.GetUtcNow()), requestId, cancellationToken).ConfigureAwait(false);
        LogIssued(number, content.VolunteerAadObjectId, content.Year);
        return new IssuedCertificate(number, await LinkAsync(blobName, number, cancellationToken).ConfigureAwait(false), Repeated: false);
    }

    public static string FileNameOf(string number) => $"荣誉证书-{number}.pdf";

    public byte[] Render(HonourCertificateContent c, string number)
    {
        using var stream = new MemoryStream();
        var metadata = new SKDocumentPdfMetadata
        {
            Title = "荣誉证书 " + number, Author = options.Value.IssuingUnit, Creator = "VolunteerBot", Producer = "VolunteerBot",
            Creation = DateTime.SpecifyKind(c.IssuedOn.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc),
        };
        using (var document = SKDocument.CreatePdf(stream, metadata))
        {
            var typeface = _typeface.Value;
            using var title = new SKFont(typeface, 40);
            using var big = new SKFont(typeface, 18);
            using var body = new SKFont(typeface, 14);
            using var small = new SKFont(typeface, 10.5f);
            using var red = new SKPaint { Color = new SKColor(0xB2, 0x22, 0x22), IsAntialias = true };
            using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
            using var frame = new SKPaint { Color = new SKColor(0xB2, 0x22, 0x22), StrokeWidth = 3f, IsStroke = true };

            var canvas = document.BeginPage(Width, Height);
            canvas.DrawRect(28, 28, Width - 56, Height - 56, frame);
            canvas.DrawText("证书编号：" + number, Width - 60, 62, SKTextAlign.Right, small, ink);
            canvas.DrawText("荣 誉 证 书", Width / 2, 150, SKTextAlign.Center, title, red);
            canvas.DrawText($"{c.Name} 同志（{c.DivisionName}）：", 110, 230, SKTextAlign.Left, big, ink);
            var text = $"在{c.Year}年度学雷锋志愿服务中，累计服务 {HoursRules.Format(c.Hours)} 小时，表现突出，被评为{c.Year}年度“优秀志愿者”。特发此证，以资鼓励。";
            var y = 275f;
            foreach (var line in Wrap(text, body, Width - 260))
            {
                canvas.DrawText(line, 140, y, SKTextAlign.Left, body, ink);
                y += 28;
            }

            canvas.DrawText(options.Value.IssuingUnit, Width - 110, Height - 120, SKTextAlign.Right, big, ink);
            canvas.DrawText(Localizer.For(Language.ZhCn).LongDate(c.IssuedOn), Width - 110, Height - 90, SKTextAlign.Right, body, ink);
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

    private async Task<DocumentLink> LinkAsync(string blobName, string number, CancellationToken ct)
    {
        var target = new LinkTarget(StorageNames.DocumentsContainer, blobName, DocumentService.PdfContentType, FileNameOf(number)) { OwnsBlob = false };
        var link = await links.CreateAsync(target, lifetime: null, ct).ConfigureAwait(false);
        return new DocumentLink(link.Url, link.ExpiresAt, FileNameOf(number));
    }

    private static IEnumerable<string> Wrap(string text, SKFont font, float width)
    {
        var line = "";
        foreach (var ch in text)
        {
            if (font.MeasureText(line + ch) > width)
            {
                yield return line;
                line = ch.ToString();
            }
            else
            {
                line += ch;
            }
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }

    [LoggerMessage(EventId = 5011, Level = LogLevel.Information, Message = "Honour certificate {Number} issued to {Volunteer} for {Year}")]
    private partial void LogIssued(string number, string volunteer, int year);
}

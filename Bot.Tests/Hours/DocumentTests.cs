using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MiniExcelLibs;
using UglyToad.PdfPig;
using VolunteerBot.Dialogs.Handlers.Hours;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Documents;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Storage.Documents;

namespace VolunteerBot.Tests.Hours;

/// <summary>The generated files opened and read back; links expire.</summary>
public sealed class DocumentTests
{
    private static CertificateContent Certificate(int lines = 2) => new(
        "v1", "王芳", "NV-64010001", "中小企业处", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 20), 11m,
        Enumerable.Range(0, lines).Select(i => new CertificateLine(new DateOnly(2025, 3, 8).AddDays(i), i == 0 ? "垃圾分类宣传进社区" : "工业节能宣传进企业", i == 0 ? 3m : 8m)).ToList(),
        new DateOnly(2025, 12, 20));

    [Fact]
    public void Render_Certificate_PdfHasChineseTextAndEmbeddedFont()
    {
        using var renderer = new CertificateRenderer(Options.Create(new DocumentOptions()));

        var bytes = renderer.Render(Certificate(), "LF-2025-000001");

        using var pdf = PdfDocument.Open(bytes);
        Assert.Equal(1, pdf.NumberOfPages);
        var page = pdf.GetPage(1);
        var text = string.Concat(page.Letters.Select(l => l.Value));
        Assert.Contains("志愿服务证明", text, StringComparison.Ordinal);
        Assert.Contains("王芳", text, StringComparison.Ordinal);
        Assert.Contains("垃圾分类宣传进社区", text, StringComparison.Ordinal);
        Assert.Contains("LF-2025-000001", text, StringComparison.Ordinal);
        Assert.Contains("累计参加志愿服务11小时", text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(page.Letters, l => l.Value == "志");
        Assert.All(page.Letters.Where(l => l.Value == "志"), l => Assert.Contains("WenQuanYi", l.FontName, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Render_ManyServices_ContinuesOnMorePages()
    {
        using var renderer = new CertificateRenderer(Options.Create(new DocumentOptions()));

        using var pdf = PdfDocument.Open(renderer.Render(Certificate(lines: 60), "LF-2025-000002"));

        Assert.True(pdf.NumberOfPages >= 2);
        Assert.Contains("出具日期", string.Concat(pdf.GetPage(pdf.NumberOfPages).Letters.Select(l => l.Value)), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_RecordsExport_ExcelHasNationalSystemHeadersAndChineseRows()
    {
        var record = HoursArithmeticTests.Record(new DateOnly(2025, 3, 8), "2025-aaaa0001", 3m, RecordStatus.Confirmed, 36) with
        {
            Quality = ServiceQuality.Good, DeclarationNumber = "SB-2025-001", Place = "金凤区XX社区", Content = "入户宣传垃圾分类",
            OrganiserDivisionIds = ["d1"], DecidedByName = "李强", DecidedAt = new DateTimeOffset(2025, 3, 9, 2, 0, 0, TimeSpan.Zero),
        };
        var pending = record with { ProjectId = "2025-aaaa0002", Status = RecordStatus.Pending };
        var volunteers = new Dictionary<string, Volunteer>
        {
            ["v1"] = new() { AadObjectId = "v1", Name = "王芳", DivisionId = "d1", NationalVolunteerId = "NV-64010001" },
        };
        var sheet = HoursExports.Records([record, pending], volunteers, new Dictionary<string, string> { ["d1"] = "中小企业处" },
            new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), at => at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));

        var bytes = SpreadsheetRenderer.Render(sheet);

        using var stream = new MemoryStream(bytes);
        Assert.Equal(["服务记录"], MiniExcel.GetSheetNames(stream));
        stream.Position = 0;
        var rows = stream.Query(useHeaderRow: true, sheetName: "服务记录").Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal(HoursExports.RecordHeaders, row.Keys);
        Assert.Equal("王芳", row["志愿者姓名"]);
        Assert.Equal("NV-64010001", row["志愿者编号（全国志愿服务信息系统）"]);
        Assert.Equal("SB-2025-001", row["项目申报编号"]);
        Assert.Equal("2025-03-08", row["服务日期"]);
        Assert.Equal(3d, Convert.ToDouble(row["服务时长（小时）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("中小企业处", row["组织单位"]);
        Assert.Equal("李强", row["确认人"]);
        Assert.Equal("2025-03-09 10:00", row["确认时间"]);
        Assert.Equal("好", row["服务质量"]);
    }

    [Fact]
    public void Render_PointsPublication_EveryStaffMemberRankedWithinDivision()
    {
        var volunteers = new[]
        {
            new Volunteer { AadObjectId = "a", Name = "王芳", DivisionId = "d1" },
            new Volunteer { AadObjectId = "b", Name = "李强", DivisionId = "d1" },
            new Volunteer { AadObjectId = "c", Name = "赵敏", DivisionId = "d2" },
        };
        var summaries = new[] { new YearSummary { Year = 2025, VolunteerAadObjectId = "b", VolunteerName = "李强", Hours = 4, Points = 48 } };
        var names = new Dictionary<string, string> { ["d1"] = "中小企业处", ["d2"] = "政策法规处" };

        var bytes = SpreadsheetRenderer.Render(HoursExports.Points(2025, summaries, volunteers, names));

        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(HoursExports.PointsHeaders, rows[0].Keys);
        Assert.Equal(("中小企业处", "李强", 1d), ((string)rows[0]["处室"]!, (string)rows[0]["姓名"]!, Convert.ToDouble(rows[0]["处室内排名"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(("王芳", 0d), ((string)rows[1]["姓名"]!, Convert.ToDouble(rows[1]["积分"], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal("政策法规处", rows[2]["处室"]);
    }

    [Fact]
    public async Task FilesEndpoint_LinkUsedBeforeAndAfterExpiry_ServesThen404()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 20, 2, 0, 0, TimeSpan.Zero));
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotFactory(connector, new Dictionary<string, string?> { ["Hours:ConfirmationSweep:Enabled"] = "false" }, time);
        var documents = bot.Service<IDocumentService>();
        var link = await documents.PublishSpreadsheetAsync(new Spreadsheet("测试.xlsx", [new Sheet("表", ["姓名"], [["王芳"]])]), "c", CancellationToken.None);
        var client = bot.CreateClient();
        var path = new Uri(link.Url).AbsolutePath;

        var before = await client.GetAsync(path);
        time.Advance(TimeSpan.FromHours(23.9));
        var stillValid = await client.GetAsync(path);
        time.Advance(TimeSpan.FromHours(0.2));
        var after = await client.GetAsync(path);
        var guessed = await client.GetAsync("/files/2099010100" + new string('A', 43));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(SpreadsheetRenderer.ContentType, before.Content.Headers.ContentType?.MediaType);
        Assert.Equal("测试.xlsx", before.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, guessed.StatusCode);
        Assert.Equal(time.GetUtcNow().AddHours(-24.1), link.ExpiresAt.AddHours(-24));
        Assert.True(path.Length > "/files/".Length + 40); // 256 random bits, base64url
    }

    [Fact]
    public async Task IssueCertificate_SameRequestTwice_OneNumberLoggedAndDistinctRequestsGetNextNumber()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 12, 20, 2, 0, 0, TimeSpan.Zero));
        await using var connector = await FakeConnector.StartAsync();
        await using var bot = new BotFactory(connector, new Dictionary<string, string?> { ["Hours:ConfirmationSweep:Enabled"] = "false" }, time);
        var documents = bot.Service<IDocumentService>();

        var first = await documents.IssueCertificateAsync(Certificate(), "req-1", CancellationToken.None);
        var again = await documents.IssueCertificateAsync(Certificate(), "req-1", CancellationToken.None);
        var next = await documents.IssueCertificateAsync(Certificate(), "req-2", CancellationToken.None);

        Assert.Equal("LF-2025-000001", first.Number);
        Assert.Equal(first.Number, again.Number);
        Assert.True(again.Repeated);
        Assert.Equal("LF-2025-000002", next.Number);
        Assert.Equal(2, (await bot.Service<CertificateLog>().ListAsync(2025, CancellationToken.None)).Count);
        var pdf = await bot.CreateClient().GetByteArrayAsync(new Uri(again.Link.Url).AbsolutePath);
        using var doc = PdfDocument.Open(pdf);
        Assert.Contains("LF-2025-000001", string.Concat(doc.GetPage(1).Letters.Select(l => l.Value)), StringComparison.Ordinal);
    }
}

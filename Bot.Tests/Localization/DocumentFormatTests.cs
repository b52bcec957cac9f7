using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using UglyToad.PdfPig;
using VolunteerBot.Dialogs.Domain.Gear;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Privacy;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Documents;
using VolunteerBot.Links;
using VolunteerBot.Storage;
using VolunteerBot.Storage.Links;
using VolunteerBot.Storage.Photos;
using VolunteerBot.Tests.Deployment;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Localization;

/// <summary>
/// Dates users read in documents (the personal-data workbook, the certificate, the files and folders they download)
/// are written with the text catalogue's patterns (Resources/&lt;lang&gt;/format.json), not patterns in code (issue 15 §3).
/// </summary>
public sealed partial class DocumentFormatTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Now = new(2026, 6, 7, 1, 5, 0, TimeSpan.Zero); // 09:05 in Shanghai

    /// <summary>Patterns that differ per language and from every real one, so a pattern written in code shows.</summary>
    private static readonly Dictionary<Language, Dictionary<string, string>> Distinct = new()
    {
        [Language.ZhCn] = new() { ["format.date"] = "yyyy年MM月dd日", ["format.dateTime"] = "yyyy年MM月dd日 HH时mm分", ["format.fileDate"] = "yyyy_MM_dd", ["format.listSeparator"] = "／" },
        [Language.EnUs] = new() { ["format.date"] = "dd/MM/yyyy", ["format.dateTime"] = "dd/MM/yyyy HH.mm", ["format.fileDate"] = "dd-MM-yyyy", ["format.listSeparator"] = " | " },
    };

    private static PersonalData Data() => new()
    {
        AadObjectId = "v1",
        Records =
        [
            new ServiceRecord
            {
                VolunteerAadObjectId = "v1", VolunteerName = "王芳", DivisionId = "d1", ProjectTitle = "垃圾分类宣传", Date = new DateOnly(2026, 5, 4),
                Hours = 3m, Status = RecordStatus.Confirmed, Source = RecordSource.Volunteer, LoggedByAadObjectId = "v1", LoggedAt = Now,
            },
        ],
    };

    [Theory]
    [InlineData(Language.ZhCn, "2026年05月04日", "2026年06月07日 09时05分", "my-data-2026_06_07.xlsx")]
    [InlineData(Language.EnUs, "04/05/2026", "07/06/2026 09.05", "my-data-07-06-2026.xlsx")]
    public void PersonalData_ToSpreadsheet_WritesDatesInTheReadersCataloguePatterns(Language language, string day, string exportedAt, string fileName)
    {
        var L = Localizer.For(language);
        string Text(string key) => Distinct[language].TryGetValue(key, out var pattern) ? pattern : L[key];

        var sheet = Data().ToSpreadsheet(Text, id => id, Shanghai, Now);

        Assert.Equal(fileName, sheet.FileName);
        var profile = sheet.Sheets[0];
        Assert.Contains(profile.Rows, r => Equals(r[0], L["privacy.sheet.exportedAt"]) && Equals(r[1], exportedAt));
        var records = sheet.Sheets.Single(s => s.Name == L["privacy.sheet.records"]);
        Assert.Equal(day, records.Rows.Single()[0]);
    }

    [Theory]
    [InlineData(Language.ZhCn)]
    [InlineData(Language.EnUs)]
    public void PersonalData_ToSpreadsheet_RealCatalogue_WritesWhatTextFormatWrites(Language language)
    {
        var L = Localizer.For(language);

        var sheet = Data().ToSpreadsheet(key => L[key], id => id, Shanghai, Now);

        Assert.Equal($"my-data-{L.FileDate(new DateOnly(2026, 6, 7))}.xlsx", sheet.FileName);
        Assert.Equal(L.Date(new DateOnly(2026, 5, 4)), sheet.Sheets.Single(s => s.Name == L["privacy.sheet.records"]).Rows.Single()[0]);
    }

    [Theory]
    [InlineData(Language.ZhCn)]
    [InlineData(Language.EnUs)]
    public void PersonalData_ToSpreadsheet_LateUtcEvening_FileNamedForTheShanghaiDate(Language language)
    {
        var L = Localizer.For(language);
        var lateEvening = new DateTimeOffset(2026, 6, 6, 17, 30, 0, TimeSpan.Zero); // 01:30 on 7 June in Shanghai

        var sheet = Data().ToSpreadsheet(key => L[key], id => id, Shanghai, lateEvening);

        Assert.Equal($"my-data-{L.FileDate(new DateOnly(2026, 6, 7))}.xlsx", sheet.FileName);
    }

    private static PersonalData WithGear() => Data() with
    {
        GearLoans =
        [
            new GearLoan
            {
                Id = "g1", ProjectId = "p1", ProjectTitle = "垃圾分类宣传", ActivityEnd = Now, DivisionId = "d1",
                Lines = [new GearLine("i1", "帐篷", 2), new GearLine("i2", "饮用水", 10)], Status = GearLoanStatus.Requested,
                RequestedByAadObjectId = "v1", RequestedByName = "王芳", RequestedAt = Now,
            },
        ],
    };

    [Theory]
    [InlineData(Language.ZhCn, "帐篷×2／饮用水×10")]
    [InlineData(Language.EnUs, "帐篷×2 | 饮用水×10")]
    public void PersonalData_ToSpreadsheet_GearItems_JoinedWithTheCataloguesListSeparator(Language language, string items)
    {
        var L = Localizer.For(language);
        string Text(string key) => Distinct[language].TryGetValue(key, out var pattern) ? pattern : L[key];

        var sheet = WithGear().ToSpreadsheet(Text, id => id, Shanghai, Now);

        Assert.Equal(items, sheet.Sheets.Single(s => s.Name == L["privacy.sheet.gear"]).Rows.Single()[1]);
    }

    [Theory]
    [InlineData(Language.ZhCn, "帐篷×2、饮用水×10")]
    [InlineData(Language.EnUs, "帐篷×2, 饮用水×10")]
    public void ListSeparator_EachLanguage_WritesThatLanguagesListForm(Language language, string expected)
    {
        var L = Localizer.For(language);

        Assert.Equal(expected, L.List("帐篷×2", "饮用水×10"));
        Assert.Equal(expected, WithGear().ToSpreadsheet(key => L[key], id => id, Shanghai, Now).Sheets.Single(s => s.Name == L["privacy.sheet.gear"]).Rows.Single()[1]);
    }

    [Theory]
    [InlineData(Language.ZhCn)]
    [InlineData(Language.EnUs)]
    public void FileDateTime_EachLanguage_WritesTheFileNameForm(Language language) =>
        Assert.Equal("20260607-0905", Localizer.For(language).FileDateTime(TimeZoneInfo.ConvertTime(Now, Shanghai)));

    [Fact]
    public async Task PhotoArchive_ZipLink_EntryNamesCarryTheTimeTheCallerWrites()
    {
        var account = await TestStorage.CreateAccountAsync();
        var links = new DownloadLinks(account, Options.Create(new LinkOptions { PublicBaseUrl = "https://bot.example.test/" }), new FakeTimeProvider(Now));
        var archive = new BlobPhotoArchive(account, links, NullLogger<BlobPhotoArchive>.Instance);
        await archive.AddAsync("p1", [new NewPhoto("ph1", [1, 2, 3], ImageKind.Png, "a.png")], "v1", "王芳", Now, CancellationToken.None);
        var L = Localizer.For(Language.ZhCn);

        var url = await archive.ZipLinkAsync([("p1", "20260607-垃圾分类宣传")], "x.zip", at => "收于" + L.FileDateTime(TimeZoneInfo.ConvertTime(at, Shanghai)),
            TimeSpan.FromHours(1), CancellationToken.None);

        var link = await links.ResolveAsync(DownloadLinks.TokenOf(url!), CancellationToken.None);
        var entry = Assert.Single(await links.ManifestAsync(link!, CancellationToken.None));
        Assert.Equal("20260607-垃圾分类宣传/001-收于20260607-0905-王芳.png", entry.EntryName);
    }

    [Theory]
    [InlineData(Language.ZhCn, "2026年6月7日")]
    [InlineData(Language.EnUs, "June 7, 2026")]
    public void LongDate_EachLanguage_WritesTheDocumentSentenceForm(Language language, string expected) =>
        Assert.Equal(expected, Localizer.For(language).LongDate(new DateOnly(2026, 6, 7)));

    [Fact]
    public void Render_Certificate_DatesFollowTheZhCnCatalogue()
    {
        using var renderer = new CertificateRenderer(Options.Create(new DocumentOptions()));
        var zh = Localizer.For(Language.ZhCn);
        var content = new CertificateContent("v1", "王芳", null, "中小企业处", new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 20), 3m,
            [new CertificateLine(new DateOnly(2025, 3, 8), "垃圾分类宣传进社区", 3m)], new DateOnly(2025, 12, 21));

        using var pdf = PdfDocument.Open(renderer.Render(content, "LF-2025-000001"));
        var text = string.Concat(pdf.GetPage(1).Letters.Select(l => l.Value)).Replace(" ", "", StringComparison.Ordinal);

        Assert.Contains(zh.LongDate(new DateOnly(2025, 1, 1)) + "至" + zh.LongDate(new DateOnly(2025, 12, 20)), text, StringComparison.Ordinal);
        Assert.Contains("出具日期：" + zh.LongDate(new DateOnly(2025, 12, 21)), text, StringComparison.Ordinal);
        Assert.Contains(zh.Date(new DateOnly(2025, 3, 8)), text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Code that renders documents or names downloads writes no date pattern of its own. Blob names (storage keys the
    /// user never sees) are the only exception, and say so by their variable name.
    /// </summary>
    [Fact]
    public void DocumentCode_DatePatterns_ComeFromTheCatalogue()
    {
        string[] places =
        [
            Path.Combine("Bot", "Documents"), Path.Combine("Bot", "Links"), Path.Combine("Bot", "Photos"), Path.Combine("Bot", "Storage", "Photos"),
            Path.Combine("Bot.Dialogs", "Domain", "Privacy"), Path.Combine("Bot.Dialogs", "Handlers", "Photos"),
            Path.Combine("Bot.Dialogs", "Handlers", "Privacy"), Path.Combine("Bot.Dialogs", "Handlers", "Hours", "HoursExports.cs"),
        ];
        var offenders =
            from place in places
            let path = Path.Combine(RepoPaths.Root, place)
            from file in File.Exists(path) ? new[] { path } : Directory.GetFiles(path, "*.cs", SearchOption.AllDirectories)
            from line in File.ReadLines(file).Select((text, i) => (text, number: i + 1))
            where DatePattern().IsMatch(line.text) && !line.text.TrimStart().StartsWith("//", StringComparison.Ordinal)
                && !line.text.Contains("blobName", StringComparison.Ordinal)
            select $"{Path.GetRelativePath(RepoPaths.Root, file)}:{line.number}: {line.text.Trim()}";

        Assert.Empty(offenders);
    }

    [Fact]
    public void CardAndHandlerCode_ListsJoinWithTheCataloguesSeparator()
    {
        // The committee's records workbook is a Chinese document and keeps the Chinese separator.
        var offenders =
            from folder in new[] { Path.Combine("Bot.Dialogs", "Cards"), Path.Combine("Bot.Dialogs", "Handlers") }
            from file in Directory.GetFiles(Path.Combine(RepoPaths.Root, folder), "*.cs", SearchOption.AllDirectories)
            where Path.GetFileName(file) != "HoursExports.cs"
            from line in File.ReadLines(file).Select((text, i) => (text, number: i + 1))
            where line.text.Contains("Join(\"、\"", StringComparison.Ordinal)
            select $"{Path.GetRelativePath(RepoPaths.Root, file)}:{line.number}: {line.text.Trim()}";

        Assert.Empty(offenders);
    }

    // "yyyy…", "…MM-dd…", "HH:mm" in a literal or after a colon in an interpolation hole, and {d.Year}年{d.Month}月 sentences.
    [GeneratedRegex("\"[^\"]*(yyyy|MM-?dd|HH:?mm)[^\"]*\"|\\{[^}]*:(yyyy|MM|HH|dd)[^}]*\\}|\\}年\\{[^}]*\\}月")]
    private static partial Regex DatePattern();
}

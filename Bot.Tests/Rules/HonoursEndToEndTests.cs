using System.Globalization;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Audit;
using VolunteerBot.Dialogs.Domain.Honours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Rules;

/// <summary>
/// R14 through the real pipeline on Azurite: 优秀志愿者评选 (candidates, naming with a reason, publishing with a congratulation
/// card and a numbered 荣誉证书), outstanding teams, 特色项目 counted in the digest, and the honour on 我的志愿记录.
/// 王芳 serves 21 hours (a candidate); 李强 serves 5 (not one), so their division meets both R6 targets.
/// </summary>
public sealed class HonoursEndToEndTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private RulesWorld _w = null!;
    private Project _first = null!;
    private string _year = "";

    public async Task InitializeAsync()
    {
        _w = await RulesWorld.StartAsync();
        _first = await _w.EndedActivityAsync("敬老院志愿服务", _w.Volunteer, _w.Liaison);
        var second = await _w.EndedActivityAsync("文明交通劝导", _w.Volunteer);
        await _w.ConfirmManyAsync(_first, TestUser.Committee, "Good", (_w.Volunteer, "12"), (_w.Liaison, "5"));
        await _w.ConfirmAsync(second, _w.Volunteer, "9");
        await _w.InstallAsync(_w.Volunteer);
        await _w.InstallAsync(_w.Liaison);
        _year = _w.Now.AddHours(8).Year.ToString(CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private Task<System.Text.Json.Nodes.JsonObject?> NameAsync(TestUser by, string kind, string pickKey, string pick, string reasonKey, string reason) =>
        _w.Bot.ExecuteAsync(by, HonourCards.NameVerb, new Dictionary<string, string>
        {
            [HonourCards.Year] = _year, [HonourCards.Kind] = kind, [pickKey] = pick, [reasonKey] = reason,
        });

    [Fact]
    public async Task Board_Candidates_VolunteersWith20HoursAndDivisionsMeetingTargets()
    {
        var card = CardText.Of(await _w.Bot.ExecuteAsync(TestUser.Committee, HonourCards.ShowVerb, new Dictionary<string, string> { [HonourCards.Year] = _year }));

        Assert.Contains($"{_year} 年度优秀志愿者评选", card, StringComparison.Ordinal);
        Assert.Contains("王芳（中小企业处，21 小时，252 积分）", card, StringComparison.Ordinal);
        Assert.DoesNotContain("李强（中小企业处", card, StringComparison.Ordinal);
        Assert.Contains("中小企业处（参与率 100%，人均 13 小时，特色项目 0 个）", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Name_WithoutReasonOrNonCandidate_ErrorsAndNothingStored()
    {
        var noReason = CardText.Of(await NameAsync(TestUser.Committee, "Volunteer", HonourCards.VolunteerPick, _w.Volunteer.AadObjectId, HonourCards.VolunteerReason, ""));
        var notCandidate = CardText.Of(await NameAsync(TestUser.Committee, "Volunteer", HonourCards.VolunteerPick, _w.Liaison.AadObjectId, HonourCards.VolunteerReason, "表现突出"));
        var volunteer = CardText.Of(await NameAsync(_w.Volunteer, "Volunteer", HonourCards.VolunteerPick, _w.Volunteer.AadObjectId, HonourCards.VolunteerReason, "自荐"));

        Assert.Contains("请填写评选理由", noReason, StringComparison.Ordinal);
        Assert.Contains("请从候选名单中选择一名志愿者", notCandidate, StringComparison.Ordinal);
        Assert.Contains("仅限机关党委", volunteer, StringComparison.Ordinal);
        Assert.Empty(await _w.Bot.Service<IHonourStore>().ListYearAsync(int.Parse(_year, CultureInfo.InvariantCulture), _ct));
    }

    [Fact]
    public async Task NameAndPublish_VolunteerGetsCongratulationAndNumberedCertificateInTheServiceCertificatesFontAndSequence()
    {
        // A certificate of service first: the honour takes the next number of the same yearly sequence.
        var service = await _w.Bot.ExecuteAsync(_w.Volunteer, HoursVerbs.CertificateSubmit, new Dictionary<string, string>
        {
            [HoursCards.From] = _year + "-01-01", [HoursCards.To] = _w.Now.AddHours(8).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), [HoursCards.Request] = "svc-1",
        });
        var named = CardText.Of(await NameAsync(TestUser.Committee, "Volunteer", HonourCards.VolunteerPick, _w.Volunteer.AadObjectId, HonourCards.VolunteerReason, "全年坚持敬老志愿服务"));

        var published = CardText.Of(await _w.Bot.ExecuteAsync(TestUser.Committee, HonourCards.PublishVerb, new Dictionary<string, string> { [HonourCards.Year] = _year }));

        Assert.Contains("已将 王芳 评为优秀志愿者（待发布）", named, StringComparison.Ordinal);
        Assert.True(published.Contains("评选结果已发布：优秀志愿者 1 名、优秀团队 0 个", StringComparison.Ordinal), published);
        Assert.Contains("全年坚持敬老志愿服务（已发布）", published, StringComparison.Ordinal);
        Assert.DoesNotContain(HonourCards.PublishVerb, published, StringComparison.Ordinal);
        var calls = await _w.Connector.WaitForAsync(c => c.Any(x => x.CardText.Contains($"祝贺您获评 {_year} 年度优秀志愿者", StringComparison.Ordinal)));
        var congrats = calls.Single(x => x.CardText.Contains($"祝贺您获评 {_year} 年度优秀志愿者", StringComparison.Ordinal));
        Assert.Contains(_w.Volunteer.ConversationId, congrats.Path, StringComparison.Ordinal);
        Assert.Contains($"LF-{_year}-000002", congrats.CardText, StringComparison.Ordinal);

        var client = _w.Bot.CreateClient();
        var honourPdf = await client.GetByteArrayAsync(new Uri(RulesWorld.UrlOf(congrats.Card)).AbsolutePath);
        var servicePdf = await client.GetByteArrayAsync(new Uri(RulesWorld.UrlOf(service)).AbsolutePath);
        using var honourDoc = UglyToad.PdfPig.PdfDocument.Open(honourPdf);
        using var serviceDoc = UglyToad.PdfPig.PdfDocument.Open(servicePdf);
        var page = honourDoc.GetPage(1);
        var text = string.Concat(page.Letters.Select(l => l.Value));
        Assert.Contains("荣誉证书", text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("王芳", text, StringComparison.Ordinal);
        Assert.Contains($"LF-{_year}-000002", text, StringComparison.Ordinal);
        Assert.Contains("优秀志愿者", text, StringComparison.Ordinal);
        Assert.Equal(serviceDoc.GetPage(1).Letters.Select(l => l.FontName).Distinct().Single(), page.Letters.Select(l => l.FontName).Distinct().Single());
        var trail = await _w.Bot.Service<IAuditTrail>().ListAsync("honours", 10, _ct);
        Assert.Equal([AuditActions.HonoursPublished, AuditActions.HonourNamed], trail.Select(t => t.Action).ToArray());
    }

    [Fact]
    public async Task Published_ShownOnMyRecordAndDownloadedAgainWithTheSameNumber_NotWithdrawable()
    {
        await NameAsync(TestUser.Committee, "Volunteer", HonourCards.VolunteerPick, _w.Volunteer.AadObjectId, HonourCards.VolunteerReason, "表现突出");
        await _w.Bot.ExecuteAsync(TestUser.Committee, HonourCards.PublishVerb, new Dictionary<string, string> { [HonourCards.Year] = _year });

        var record = CardText.Of(await _w.Bot.ExecuteAsync(_w.Volunteer, HoursVerbs.RecordShow));
        var again = CardText.Of(await _w.Bot.ExecuteAsync(_w.Volunteer, HonourCards.CertificateVerb, new Dictionary<string, string> { [HonourCards.Year] = _year }));
        var liaison = CardText.Of(await _w.Bot.ExecuteAsync(_w.Liaison, HonourCards.CertificateVerb, new Dictionary<string, string> { [HonourCards.Year] = _year }));
        var withdraw = CardText.Of(await _w.Bot.ExecuteAsync(TestUser.Committee, HonourCards.UnnameVerb, new Dictionary<string, string>
        {
            [HonourCards.Year] = _year, [HonourCards.Kind] = "Volunteer", [HonourCards.Subject] = _w.Volunteer.AadObjectId,
        }));

        Assert.Contains($"{_year} 年度优秀志愿者", record, StringComparison.Ordinal);
        Assert.Contains($"荣誉证书 LF-{_year}-000001", record, StringComparison.Ordinal);
        Assert.Contains(HonourCards.CertificateVerb, record, StringComparison.Ordinal);
        Assert.Contains($"LF-{_year}-000001", again, StringComparison.Ordinal);
        Assert.Contains("暂无荣誉证书", liaison, StringComparison.Ordinal);
        Assert.Contains("评选结果已发布，不能撤销", withdraw, StringComparison.Ordinal);
        Assert.Single(await _w.Bot.Service<IHonourStore>().ListForVolunteerAsync(_w.Volunteer.AadObjectId, _ct));
    }

    [Fact]
    public async Task NameTeamAndPublish_LiaisonsCongratulated()
    {
        var named = CardText.Of(await NameAsync(TestUser.Committee, "Team", HonourCards.TeamPick, _w.Division.Id, HonourCards.TeamReason, "全员参与"));
        await _w.Bot.ExecuteAsync(TestUser.Committee, HonourCards.PublishVerb, new Dictionary<string, string> { [HonourCards.Year] = _year });

        Assert.Contains("已将 中小企业处 命名为优秀团队（待发布）", named, StringComparison.Ordinal);
        await _w.Connector.WaitForAsync(c => c.Any(x => x.Path.Contains(_w.Liaison.ConversationId, StringComparison.Ordinal)
            && x.CardText.Contains($"祝贺本处室获评 {_year} 年度优秀团队", StringComparison.Ordinal)));
        var stored = Assert.Single(await _w.Bot.Service<IHonourStore>().ListYearAsync(int.Parse(_year, CultureInfo.InvariantCulture), _ct));
        Assert.Equal(HonourKind.Team, stored.Kind);
        Assert.NotNull(stored.AnnouncedAt);
    }

    [Fact]
    public async Task Unname_BeforePublishing_RemovedAndAudited()
    {
        await NameAsync(TestUser.Committee, "Volunteer", HonourCards.VolunteerPick, _w.Volunteer.AadObjectId, HonourCards.VolunteerReason, "表现突出");

        var card = CardText.Of(await _w.Bot.ExecuteAsync(TestUser.Committee, HonourCards.UnnameVerb, new Dictionary<string, string>
        {
            [HonourCards.Year] = _year, [HonourCards.Kind] = "Volunteer", [HonourCards.Subject] = _w.Volunteer.AadObjectId,
        }));

        Assert.Contains("已撤销 王芳 的评定", card, StringComparison.Ordinal);
        Assert.Empty(await _w.Bot.Service<IHonourStore>().ListYearAsync(int.Parse(_year, CultureInfo.InvariantCulture), _ct));
        Assert.Contains(await _w.Bot.Service<IAuditTrail>().ListAsync("honours", 10, _ct), e => e.Action == AuditActions.HonourUnnamed);
    }

    [Fact]
    public async Task Featured_MarkedWithNote_CountedInTheDigestAndOnTheBoard()
    {
        var noNote = CardText.Of(await _w.Bot.ExecuteAsync(TestUser.Committee, HonourCards.FeaturedMarkVerb, new Dictionary<string, string> { [HonourCards.ProjectPick] = _first.Id }));
        var marked = CardText.Of(await _w.Bot.ExecuteAsync(TestUser.Committee, HonourCards.FeaturedMarkVerb, new Dictionary<string, string>
        {
            [HonourCards.ProjectPick] = _first.Id, [HonourCards.Note] = "形式新颖，社会反响良好",
        }));
        var digest = CardText.Of(await _w.Bot.ExecuteAsync(TestUser.Committee, "digest.show"));
        var board = CardText.Of(await _w.Bot.ExecuteAsync(TestUser.Committee, HonourCards.ShowVerb, new Dictionary<string, string> { [HonourCards.Year] = _year }));

        Assert.Contains("请填写认定说明", noNote, StringComparison.Ordinal);
        Assert.Contains("已将“敬老院志愿服务”认定为特色项目", marked, StringComparison.Ordinal);
        Assert.Contains("⭐ **敬老院志愿服务**（中小企业处）：形式新颖，社会反响良好", marked, StringComparison.Ordinal);
        Assert.Contains("特色项目（考核加分）", digest, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"中小企业处\",\"value\":\"1 个\"", digest, StringComparison.Ordinal);
        Assert.Contains("特色项目 1 个", board, StringComparison.Ordinal);
    }
}

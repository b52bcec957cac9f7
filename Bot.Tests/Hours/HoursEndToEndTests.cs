using System.Net;
using System.Text.Json.Nodes;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Hours;
using VolunteerBot.Dialogs.Domain.Projects;
using VolunteerBot.Dialogs.Domain.Team;
using VolunteerBot.Reminders;
using VolunteerBot.Tests.Infrastructure;
using VolunteerBot.Jobs;

namespace VolunteerBot.Tests.Hours;

/// <summary>Log, confirm, see, certify and export through the real HTTP pipeline on Azurite and the fake connector.</summary>
public sealed class HoursEndToEndTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private FakeConnector _connector = null!;
    private BotFactory _bot = null!;
    private readonly TestUser _volunteer = TestUser.New("王芳");
    private readonly TestUser _liaison = TestUser.New("李强");
    private Project _project = null!;

    public async Task InitializeAsync()
    {
        _connector = await FakeConnector.StartAsync();
        _bot = new BotFactory(_connector, new Dictionary<string, string?> { ["Hours:ConfirmationSweep:Enabled"] = "false" });
        _ = _bot.Server;
        var now = DateTimeOffset.UtcNow;
        var division = (await _bot.Service<IDivisionStore>().CreateAsync("中小企业处", now, _ct)).Division!;
        var volunteers = _bot.Service<IVolunteerStore>();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await volunteers.SaveAsync(new VolunteerProfile(_volunteer.AadObjectId, "王芳", division.Id, true, null, "NV-001"), now, today, _ct);
        await volunteers.SaveAsync(new VolunteerProfile(_liaison.AadObjectId, "李强", division.Id, true, null, null), now, today, _ct);
        await _bot.Service<IDivisionStore>().AddLiaisonAsync(division.Id, _liaison.AadObjectId, _ct);
        var start = now.AddDays(-1);
        _project = new Project
        {
            Id = Project.NewId(start.Year), Title = "垃圾分类宣传进社区", CategoryId = "waste-sorting", Organiser = OrganiserType.Branch,
            Origin = ProjectOrigin.Applied, DivisionId = division.Id, Start = start, End = start.AddHours(3), Place = "金凤区XX社区", Capacity = 30,
            Status = ProjectStatus.Open, FiledByAadObjectId = _liaison.AadObjectId, FiledByName = "李强", FiledAt = start.AddDays(-7), DeclarationNumber = "SB-001",
        };
        await _bot.Service<IProjectStore>().CreateAsync(_project, _ct);
        await _bot.Service<ISignUpStore>().SignUpAsync(new SignUpRequest(_project.Id, _volunteer.AadObjectId, "王芳", division.Id, 30, start.AddDays(-3)), _ct);
        await _bot.Service<ISignUpStore>().SignUpAsync(new SignUpRequest(_project.Id, _liaison.AadObjectId, "李强", division.Id, 30, start.AddDays(-3)), _ct);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _connector.DisposeAsync();
    }

    private string RecordId => ServiceRecord.IdOf(_bot.Service<Dialogs.Handlers.Hours.ActivityConfirmationFlow>().RecordDate(_project), _project.Id);

    [Fact]
    public async Task QuickLog_Chinese_PrefilledCardThenPendingRecord()
    {
        Assert.Equal(HttpStatusCode.OK, await _bot.SayAsync(_volunteer, "登记 3 小时 垃圾分类宣传"));
        var reply = Assert.Single(await _connector.WaitForCountAsync(1));
        var card = reply.CardText;
        Assert.Contains("登记志愿服务时长", card, StringComparison.Ordinal);
        Assert.Contains($"\"value\":\"{_project.Id}\"", card, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"3\"", card, StringComparison.Ordinal);

        var date = _bot.Service<Dialogs.Handlers.Hours.ActivityConfirmationFlow>().RecordDate(_project).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var done = await _bot.ExecuteAsync(_volunteer, HoursVerbs.LogSubmit, new Dictionary<string, string>
        {
            [HoursCards.Project] = _project.Id, [HoursCards.Date] = date, [HoursCards.HoursField] = "3", [HoursCards.Content] = "",
        });

        Assert.Contains("待联络员确认", CardText.Of(done), StringComparison.Ordinal);
        var stored = await _bot.Service<IServiceRecordStore>().GetAsync(_volunteer.AadObjectId, RecordId, _ct);
        Assert.Equal(RecordStatus.Pending, stored!.Status);
        Assert.Equal(3m, stored.Hours);
    }

    [Fact]
    public async Task LogSubmit_BadHours_CardReturnsWithErrorAndTypedValue()
    {
        var card = await _bot.ExecuteAsync(_volunteer, HoursVerbs.LogSubmit, new Dictionary<string, string>
        {
            [HoursCards.Project] = _project.Id, [HoursCards.Date] = "2999-01-01", [HoursCards.HoursField] = "2.3", [HoursCards.Content] = "",
        });

        var text = CardText.Of(card);
        Assert.Contains("半小时为单位", text, StringComparison.Ordinal);
        Assert.Contains("日期不能晚于今天", text, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"2.3\"", text, StringComparison.Ordinal);
        Assert.Null(await _bot.Service<IServiceRecordStore>().GetAsync(_volunteer.AadObjectId, RecordId, _ct));
    }

    [Fact]
    public async Task ConfirmActivity_ThroughPipeline_ConfirmedWithPointsIdempotentAndShownInMyRecord()
    {
        var opened = await _bot.ExecuteAsync(_liaison, HoursVerbs.ActivityOpen, new { projectId = _project.Id });
        var openedText = CardText.Of(opened);
        Assert.Contains("时长确认：垃圾分类宣传进社区", openedText, StringComparison.Ordinal);
        Assert.Contains("本人记录须由其他联络员或机关党委确认", openedText, StringComparison.Ordinal);
        var ids = opened!["actions"]![0]!["data"]!["ids"]!.GetValue<string>().Split(',');
        var index = Array.IndexOf(ids, _volunteer.AadObjectId);
        var submit = new Dictionary<string, string>
        {
            ["projectId"] = _project.Id, ["ids"] = string.Join(',', ids),
            [HoursAdminCards.Attended(index)] = "true", [HoursAdminCards.HoursOf(index)] = "2.5", [HoursAdminCards.QualityOf(index)] = "Good",
        };

        var confirmed = await _bot.ExecuteAsync(_liaison, HoursVerbs.ActivitySubmit, submit);
        var again = await _bot.ExecuteAsync(_liaison, HoursVerbs.ActivitySubmit, submit);

        Assert.Contains("已确认 1 人，共 2.5 小时", CardText.Of(confirmed), StringComparison.Ordinal);
        Assert.Contains("未作修改", CardText.Of(again), StringComparison.Ordinal);
        var store = _bot.Service<IServiceRecordStore>();
        var record = await store.GetAsync(_volunteer.AadObjectId, RecordId, _ct);
        Assert.Equal(RecordStatus.Confirmed, record!.Status);
        Assert.Equal(30, record.Points);
        Assert.Equal("李强", record.DecidedByName);
        Assert.Single(await store.ListAuditAsync(_volunteer.AadObjectId, RecordId, _ct));
        Assert.Null(await store.GetAsync(_liaison.AadObjectId, RecordId, _ct)); // nobody confirms their own record

        var mine = await _bot.ExecuteAsync(_volunteer, HoursVerbs.RecordShow);
        var text = CardText.Of(mine);
        Assert.Contains("2.5 小时 · 30 积分", text, StringComparison.Ordinal);
        Assert.Contains("还差 17.5 小时", text, StringComparison.Ordinal);
        Assert.Contains("90%", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfirmActivity_VolunteerTries_RefusedAndNothingWritten()
    {
        var card = await _bot.ExecuteAsync(_volunteer, HoursVerbs.ActivitySubmit, new Dictionary<string, string>
        {
            ["projectId"] = _project.Id, ["ids"] = _volunteer.AadObjectId, ["att0"] = "true", ["hrs0"] = "8", ["q0"] = "Good",
        });

        Assert.Contains("联络员", CardText.Of(card), StringComparison.Ordinal);
        Assert.Null(await _bot.Service<IServiceRecordStore>().GetAsync(_volunteer.AadObjectId, RecordId, _ct));
    }

    [Fact]
    public async Task ConfirmActivity_MarkedAbsent_RecordRejectedAndVolunteerTold()
    {
        await _bot.ExecuteAsync(_volunteer, HoursVerbs.LogSubmit, new Dictionary<string, string>
        {
            [HoursCards.Project] = _project.Id, [HoursCards.Date] = RecordId[..4] + "-" + RecordId[4..6] + "-" + RecordId[6..8], [HoursCards.HoursField] = "3",
        });
        await _bot.SendAsync(TestActivities.InstallationUpdate(_connector.Url, _volunteer));
        var before = _connector.Calls.Count;

        await _bot.ExecuteAsync(_liaison, HoursVerbs.ActivitySubmit, new Dictionary<string, string>
        {
            ["projectId"] = _project.Id, ["ids"] = _volunteer.AadObjectId, ["att0"] = "false", ["hrs0"] = "3", ["q0"] = "Good",
        });

        var record = await _bot.Service<IServiceRecordStore>().GetAsync(_volunteer.AadObjectId, RecordId, _ct);
        Assert.Equal(RecordStatus.Rejected, record!.Status);
        Assert.Equal("联络员确认未到场", record.RejectReason);
        var calls = await _connector.WaitForAsync(c => c.Skip(before).Any(x => x.Text?.Contains("未通过确认", StringComparison.Ordinal) == true));
        Assert.Contains(calls.Skip(before), c => c.Text?.Contains("垃圾分类宣传进社区", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task CertificateAndExport_Downloaded_PdfAndExcelOpen()
    {
        var opened = await _bot.ExecuteAsync(_liaison, HoursVerbs.ActivityOpen, new { projectId = _project.Id });
        var ids = opened!["actions"]![0]!["data"]!["ids"]!.GetValue<string>().Split(',');
        var i = Array.IndexOf(ids, _volunteer.AadObjectId);
        await _bot.ExecuteAsync(_liaison, HoursVerbs.ActivitySubmit, new Dictionary<string, string>
        {
            ["projectId"] = _project.Id, ["ids"] = string.Join(',', ids), [HoursAdminCards.Attended(i)] = "true", [HoursAdminCards.HoursOf(i)] = "3", [HoursAdminCards.QualityOf(i)] = "Good",
        });
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var period = new Dictionary<string, string> { [HoursCards.From] = RecordId[..4] + "-01-01", [HoursCards.To] = today, [HoursCards.Request] = "r1" };

        var certificate = await _bot.ExecuteAsync(_volunteer, HoursVerbs.CertificateSubmit, period);
        var export = await _bot.ExecuteAsync(TestUser.Committee, HoursVerbs.ExportSubmit, period);

        var client = _bot.CreateClient();
        var pdf = await client.GetByteArrayAsync(new Uri(Url(certificate)).AbsolutePath);
        using (var doc = UglyToad.PdfPig.PdfDocument.Open(pdf))
        {
            var text = string.Concat(doc.GetPage(1).Letters.Select(l => l.Value));
            Assert.Contains("王芳", text, StringComparison.Ordinal);
            Assert.Contains("垃圾分类宣传进社区", text, StringComparison.Ordinal);
        }

        var xlsx = await client.GetByteArrayAsync(new Uri(Url(export)).AbsolutePath);
        using var stream = new MemoryStream(xlsx);
        var rows = MiniExcelLibs.MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var row = Assert.Single(rows);
        Assert.Equal("王芳", row["志愿者姓名"]);
        Assert.Equal("NV-001", row["志愿者编号（全国志愿服务信息系统）"]);
        Assert.Equal("SB-001", row["项目申报编号"]);
        Assert.Equal("李强", row["确认人"]);
    }

    [Fact]
    public async Task Sweep_AfterActivityEnds_SendsLiaisonCardOnce()
    {
        await _bot.SendAsync(TestActivities.InstallationUpdate(_connector.Url, _liaison));
        var sweep = _bot.Service<HoursConfirmationSweep>();

        var first = await sweep.RunOnceAsync(_ct);
        var second = await sweep.RunOnceAsync(_ct);

        Assert.True(first.CardsSent >= 1);
        Assert.Equal(0, second.CardsSent);
        var calls = await _connector.WaitForAsync(c => c.Any(x => x.CardText.Contains("时长确认：垃圾分类宣传进社区", StringComparison.Ordinal)));
        Assert.Single(calls, x => x.CardText.Contains("时长确认：垃圾分类宣传进社区", StringComparison.Ordinal));
    }

    private static string Url(JsonObject? card) =>
        card!["actions"]!.AsArray().Select(a => a!["url"]?.GetValue<string>()).First(u => u is not null)!;
}

using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using SkiaSharp;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.Photos;
using VolunteerBot.Dialogs.Domain.Training;
using VolunteerBot.Storage;
using VolunteerBot.Tests.Gear;
using VolunteerBot.Tests.Infrastructure;

namespace VolunteerBot.Tests.Photos;

/// <summary>Photos, the archive with its zip downloads, publicity and training through the real pipeline.</summary>
public sealed class PhotoEndToEndTests : IAsyncLifetime
{
    private readonly CancellationToken _ct = CancellationToken.None;
    private GearScenario _s = null!;

    public async Task InitializeAsync() => _s = await GearScenario.StartAsync(new Dictionary<string, string?> { ["Links:PublicBaseUrl"] = "https://bot.example.test" });

    public async Task DisposeAsync() => await _s.DisposeAsync();

    private IPhotoArchive Archive => _s.Bot.Service<IPhotoArchive>();

    private static byte[] RealPng(int w = 64, int h = 48)
    {
        using var bitmap = new SKBitmap(w, h);
        bitmap.Erase(SKColors.Red);
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Png, 100).ToArray();
    }

    private JsonObject PhotoMessage(TestUser user, params (string Path, string ContentType, string Name, bool AsFile)[] files)
    {
        var activity = TestActivities.Message(_s.Connector.Url, user, "");
        var list = new JsonArray();
        foreach (var (path, type, name, asFile) in files)
        {
            var url = _s.Connector.Url.TrimEnd('/') + path;
            list.Add(asFile
                ? new JsonObject { ["contentType"] = "application/vnd.microsoft.teams.file.download.info", ["name"] = name, ["content"] = new JsonObject { ["downloadUrl"] = url, ["fileType"] = "jpg" } }
                : new JsonObject { ["contentType"] = type, ["contentUrl"] = url, ["name"] = name });
        }

        list.Add(new JsonObject { ["contentType"] = "text/html", ["content"] = "<div><img src=\"x\"></div>" });
        activity["attachments"] = list;
        return activity;
    }

    private async Task<string> SendPhotosAsync(TestUser user, params (string Path, string ContentType, string Name, bool AsFile)[] files)
    {
        var before = _s.Connector.Calls.Count;
        var (status, _) = await _s.Bot.SendAsync(PhotoMessage(user, files));
        Assert.Equal(HttpStatusCode.OK, status);
        var calls = await _s.Connector.WaitForAsync(c => c.Skip(before).Any(x => x.Method == "POST" && x.Path.Contains(user.ConversationId, StringComparison.Ordinal)));
        return string.Join("\n", calls.Skip(before).Where(x => x.Method == "POST" && x.Path.Contains(user.ConversationId, StringComparison.Ordinal)).Select(x => x.CardText + x.Text));
    }

    [Fact]
    public async Task PhotoUpload_DuringTheActivity_StoresRealImagesAndRefusesFakesAndOversize()
    {
        var project = await _s.ProjectAsync(_s.Energy.Id, DateTimeOffset.UtcNow.AddHours(-1));
        _s.Connector.Files["/attachments/p1"] = ("image/png", RealPng());
        _s.Connector.Files["/media/f2"] = ("application/octet-stream", [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[100]]);
        _s.Connector.Files["/attachments/fake"] = ("image/jpeg", [.. "%PDF-1.7 not a photo"u8.ToArray()]);
        _s.Connector.Files["/attachments/huge"] = ("image/jpeg", [0xFF, 0xD8, 0xFF, .. new byte[ImageSniffer.MaxBytes]]);

        var reply = await SendPhotosAsync(_s.Volunteer,
            ("/attachments/p1", "image/png", "现场1.png", false), ("/media/f2", "", "现场2.jpg", true),
            ("/attachments/fake", "image/jpeg", "报告.jpg", false), ("/attachments/huge", "image/jpeg", "大图.jpg", false));

        Assert.Contains("已将 2 张照片存入“工业节能宣传进企业”", reply, StringComparison.Ordinal);
        Assert.Contains("报告.jpg：不是照片文件", reply, StringComparison.Ordinal);
        Assert.Contains("大图.jpg：超过 10 MB", reply, StringComparison.Ordinal);
        var photos = await Archive.ListAsync(project.Id, _ct);
        Assert.Equal(2, photos.Count);
        Assert.All(photos, p => Assert.Equal(_s.Volunteer.AadObjectId, p.SenderAadObjectId));
        Assert.Contains(photos, p => p.Kind == ImageKind.Png && p.HasThumbnail);
        Assert.Contains(photos, p => p.Kind == ImageKind.Jpeg && p.FileName == "现场2.jpg");
        Assert.Contains(_s.Connector.Calls, c => c.Method == "GET" && c.Path == "/attachments/p1");
    }

    [Fact]
    public async Task PhotoUpload_SeveralRecentActivities_AsksAndFilesUnderTheChosenOne()
    {
        await _s.ProjectAsync(_s.Energy.Id, DateTimeOffset.UtcNow.AddHours(-1), "文明交通志愿服务");
        var second = await _s.ProjectAsync(_s.Energy.Id, DateTimeOffset.UtcNow.AddHours(-2), "垃圾分类宣传");
        _s.Connector.Files["/attachments/p1"] = ("image/png", RealPng());

        var reply = await SendPhotosAsync(_s.Liaison, ("/attachments/p1", "image/png", "a.png", false));
        var batchId = JsonNode.Parse(_s.Connector.Calls.Last(c => c.CardText.Contains("photos.file", StringComparison.Ordinal)).Body)!["attachments"]![0]!["content"]!["actions"]![0]!["data"]!["batchId"]!.GetValue<string>();
        var other = await _s.ExecuteAsync(_s.OtherLiaison, PhotoVerbs.File, new { batchId, projectId = second.Id });
        var filed = await _s.ExecuteAsync(_s.Liaison, PhotoVerbs.File, new { batchId, projectId = second.Id });
        var again = await _s.ExecuteAsync(_s.Liaison, PhotoVerbs.File, new { batchId, projectId = second.Id });

        Assert.Contains("请选择这 1 张照片所属的活动", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("已将", CardText.Of(other), StringComparison.Ordinal); // someone else's batch is not theirs to file
        Assert.Contains("已将 1 张照片存入“垃圾分类宣传”", CardText.Of(filed), StringComparison.Ordinal);
        Assert.Contains("已存档", CardText.Of(again), StringComparison.Ordinal);
        Assert.Single(await Archive.ListAsync(second.Id, _ct));
    }

    [Fact]
    public async Task Archive_BrowseAndZip_ShowsThumbnailLinksAndZipHoldsEveryPhoto()
    {
        var project = await _s.ProjectAsync(_s.Energy.Id, DateTimeOffset.UtcNow.AddDays(-3));
        var png = RealPng();
        await Archive.AddAsync(project.Id, [new NewPhoto("p0000000000000a1", png, ImageKind.Png, "a.png"), new NewPhoto("p0000000000000a2", png, ImageKind.Png, "b.png")],
            _s.Volunteer.AadObjectId, "王芳", DateTimeOffset.UtcNow, _ct);

        var card = await _s.ExecuteAsync(_s.Liaison, PhotoVerbs.Show, new { projectId = project.Id });
        var refused = await _s.ExecuteAsync(_s.OtherLiaison, PhotoVerbs.Show, new { projectId = project.Id });
        var volunteer = await _s.ExecuteAsync(_s.Volunteer, PhotoVerbs.Show, new { projectId = project.Id });
        var zipCard = await _s.ExecuteAsync(_s.Committee, PhotoVerbs.Zip, new { projectId = project.Id });

        var text = CardText.Of(card);
        Assert.Contains("共 2 张照片", text, StringComparison.Ordinal);
        Assert.Contains("https://bot.example.test/files/", text, StringComparison.Ordinal);
        Assert.Contains("只能查看本处室", CardText.Of(refused), StringComparison.Ordinal);
        Assert.Contains("仅限处室联络员", CardText.Of(volunteer), StringComparison.Ordinal);

        var thumb = new Uri(card!["body"]!.AsArray().First(e => e!["type"]!.GetValue<string>() == "ImageSet")!["images"]![0]!["url"]!.GetValue<string>());
        using var client = _s.Bot.CreateClient();
        var thumbResponse = await client.GetAsync(thumb.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, thumbResponse.StatusCode);
        Assert.Equal("image/jpeg", thumbResponse.Content.Headers.ContentType!.MediaType);

        var zipUrl = new Uri(zipCard!["actions"]!.AsArray().First(a => a!["type"]!.GetValue<string>() == "Action.OpenUrl")!["url"]!.GetValue<string>());
        var zipBytes = await client.GetByteArrayAsync(zipUrl.PathAndQuery);
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        Assert.Equal(2, zip.Entries.Count);
        Assert.All(zip.Entries, e => Assert.Contains("工业节能宣传进企业/", e.FullName, StringComparison.Ordinal));
        Assert.All(zip.Entries, e => Assert.EndsWith("王芳.png", e.FullName, StringComparison.Ordinal));
        using var first = new MemoryStream();
        await zip.Entries[0].Open().CopyToAsync(first);
        Assert.Equal(png, first.ToArray());

        var missing = await client.GetAsync("/files/2025010100" + new string('A', 43));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Publicity_PostsHighlightToTheChosenChannelOnce()
    {
        var project = await _s.ProjectAsync(_s.Energy.Id, DateTimeOffset.UtcNow.AddDays(-1));
        await Archive.AddAsync(project.Id, [new NewPhoto("p0000000000000b1", RealPng(), ImageKind.Png, "a.png")], _s.Volunteer.AadObjectId, "王芳", DateTimeOffset.UtcNow, _ct);
        await _s.Bot.Service<IConversationReferenceStore>().SaveAsync(new ConversationReference
        {
            ConversationId = "19:team@thread.tacv2", ConversationType = "channel", ServiceUrl = _s.Connector.Url, TenantId = BotFactory.TenantId,
            TeamId = "19:team@thread.tacv2", TeamName = "机关志愿服务队", ChannelId = "19:team@thread.tacv2", Active = true, UpdatedAt = DateTimeOffset.UtcNow,
        }, _ct);
        var data = new Dictionary<string, string>
        {
            [PublicityCards.ProjectId] = project.Id, [PublicityCards.HighlightId] = "0123456789ab", [PublicityCards.Text] = "节能处志愿者走进企业宣传节能政策。",
            [PublicityCards.Photos] = "p0000000000000b1", [PublicityCards.Channel] = "19:team@thread.tacv2|19:team@thread.tacv2",
        };

        var compose = await _s.ExecuteAsync(_s.Committee, PublicityVerbs.Compose, new { projectId = project.Id });
        var liaison = await _s.ExecuteAsync(_s.Liaison, PublicityVerbs.Post, data);
        var posted = await _s.ExecuteAsync(_s.Committee, PublicityVerbs.Post, data);
        var twice = await _s.ExecuteAsync(_s.Committee, PublicityVerbs.Post, data);

        Assert.Contains("机关志愿服务队", CardText.Of(compose), StringComparison.Ordinal);
        Assert.Contains("仅限机关党委", CardText.Of(liaison), StringComparison.Ordinal);
        Assert.Contains("已发布到 机关志愿服务队", CardText.Of(posted), StringComparison.Ordinal);
        Assert.Contains("未重复发布", CardText.Of(twice), StringComparison.Ordinal);
        var calls = await _s.Connector.WaitForAsync(c => c.Any(x => x.CardText.Contains("节能处志愿者走进企业", StringComparison.Ordinal)));
        var post = Assert.Single(calls, x => x.CardText.Contains("节能处志愿者走进企业", StringComparison.Ordinal));
        Assert.Contains("19:team@thread.tacv2", post.Path, StringComparison.Ordinal);
        Assert.Contains("https://bot.example.test/files/", post.CardText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Training_RecordedWithAttendance_ShowsInMyTrainingAndNotForOthers()
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var data = new Dictionary<string, string>
        {
            [TrainingCards.SessionId] = "2026-0000abcd", [TrainingCards.Title] = "学雷锋专题道德讲堂", [TrainingCards.Kind] = "MoralLecture",
            [TrainingCards.Date] = today, [TrainingCards.Hours] = "1.5", [TrainingCards.Organiser] = "机关党委", [TrainingCards.Content] = "",
            [TrainingCards.AttendancePrefix + _s.Energy.Id] = _s.Volunteer.AadObjectId + "," + _s.Liaison.AadObjectId,
        };

        var form = await _s.ExecuteAsync(_s.Committee, TrainingVerbs.Open);
        var refused = await _s.ExecuteAsync(_s.Liaison, TrainingVerbs.Save, data);
        var invalid = await _s.ExecuteAsync(_s.Committee, TrainingVerbs.Save, new Dictionary<string, string>(data) { [TrainingCards.Hours] = "30" });
        var saved = await _s.ExecuteAsync(_s.Committee, TrainingVerbs.Save, data);
        var savedAgain = await _s.ExecuteAsync(_s.Committee, TrainingVerbs.Save, data);
        var mine = await _s.ExecuteAsync(_s.Volunteer, TrainingVerbs.Mine);
        var others = await _s.ExecuteAsync(_s.OtherLiaison, TrainingVerbs.Mine);
        var unregistered = await _s.ExecuteAsync(TestUser.New("路人"), TrainingVerbs.Mine);

        Assert.Contains("王芳", CardText.Of(form), StringComparison.Ordinal);
        Assert.Contains("仅限机关党委", CardText.Of(refused), StringComparison.Ordinal);
        Assert.Contains("0.5 至 24", CardText.Of(invalid), StringComparison.Ordinal);
        Assert.Contains("学雷锋专题道德讲堂", CardText.Of(invalid), StringComparison.Ordinal);
        Assert.Contains("培训记录已保存", CardText.Of(saved), StringComparison.Ordinal);
        Assert.Contains("培训记录已更新", CardText.Of(savedAgain), StringComparison.Ordinal);
        Assert.Contains("共参加培训 1 次，培训时长 1.5 小时", CardText.Of(mine), StringComparison.Ordinal);
        Assert.Contains("暂无您的培训记录", CardText.Of(others), StringComparison.Ordinal);
        Assert.Contains("需先注册", CardText.Of(unregistered), StringComparison.Ordinal);
        var record = await _s.Bot.Service<ITrainingReader>().ListForVolunteerAsync(_s.Liaison.AadObjectId, _ct);
        Assert.Equal(1.5m, Assert.Single(record).Hours);
    }
}

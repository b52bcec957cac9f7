using Microsoft.Extensions.Options;
using SkiaSharp;
using VolunteerBot.Channel;
using VolunteerBot.Dialogs.Cards;
using VolunteerBot.Dialogs.Domain.CheckIn;
using VolunteerBot.Dialogs.Localization;
using VolunteerBot.Documents;
using VolunteerBot.Tests.Projects;
using ZXing;
using ZXing.Common;

namespace VolunteerBot.Tests.CheckIn;

/// <summary>The venue card's QR image decodes back to the Teams deep link that types 签到 and the code; the card stays small.</summary>
public sealed class CheckInQrTests
{
    private const string AppId = "00000000-0000-0000-0000-00000000b075";
    private readonly CheckInQrCodes _codes = new(Options.Create(new BotOptions { AppId = AppId }));

    [Fact]
    public void For_QrImage_DecodesToDeepLinkWithCheckInMessage()
    {
        var link = _codes.For("012345");

        Assert.Equal("https://teams.microsoft.com/l/chat/0/0?users=28:" + AppId + "&message=%E7%AD%BE%E5%88%B0%20012345", link.DeepLink);
        Assert.StartsWith("data:image/png;base64,", link.QrImageDataUri, StringComparison.Ordinal);
        Assert.Equal(link.DeepLink, Decode(link.QrImageDataUri));
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(link.DeepLink).Query);
        Assert.Equal("签到 012345", query["message"]);
        Assert.Equal("28:" + AppId, query["users"]);
    }

    [Fact]
    public void Venue_CardWithQr_FarBelowTeamsLimit()
    {
        var p = ProjectSamples.Make(ProjectSamples.Local(2026, 12, 5), Dialogs.Domain.Projects.ProjectStatus.Open);
        var session = new CheckInSession { ProjectId = p.Id, Code = "987654", CodeShownAt = p.Start, OpenedByAadObjectId = "l", OpenedByName = "李强", OpenedAt = p.Start };
        var channels = Enumerable.Range(0, 10).Select(i => new Dialogs.Domain.Photos.TeamChannel("team" + i, "19:channel" + i, "学雷锋志愿服务队", "志愿服务活动")).ToList();

        var json = CheckInCards.Venue(Localizer.For(Language.ZhCn), p, session, _codes.For(session.Code), ProjectSamples.Zone, manager: true, channels).ToJson().ToJsonString();

        Assert.True(json.Length < 12_000, $"venue card is {json.Length} bytes");
    }

    private static string Decode(string dataUri)
    {
        var png = Convert.FromBase64String(dataUri["data:image/png;base64,".Length..]);
        using var bitmap = SKBitmap.Decode(png);
        var luminance = new byte[bitmap.Width * bitmap.Height];
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                luminance[(y * bitmap.Width) + x] = (byte)((c.Red + c.Green + c.Blue) / 3);
            }
        }

        var source = new PlanarYUVLuminanceSource(luminance, bitmap.Width, bitmap.Height, 0, 0, bitmap.Width, bitmap.Height, false);
        var result = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(source)),
            new Dictionary<DecodeHintType, object> { [DecodeHintType.POSSIBLE_FORMATS] = new List<BarcodeFormat> { BarcodeFormat.QR_CODE }, [DecodeHintType.TRY_HARDER] = true });
        return result?.Text ?? throw new InvalidOperationException("The QR image did not decode.");
    }
}

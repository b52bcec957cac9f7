using Microsoft.Extensions.Options;
using QRCoder;
using VolunteerBot.Channel;
using VolunteerBot.Dialogs.Domain.CheckIn;

namespace VolunteerBot.Documents;

/// <summary>
/// The venue card's deep link and QR image. The link opens the personal chat with the bot (Teams user id <c>28:{app id}</c>)
/// with <c>签到 {code}</c> in the compose box: <c>https://teams.microsoft.com/l/chat/0/0?users=28:{appId}&amp;message={text}</c>.
/// The PNG is two-colour with small modules, about 1 KB, so the card stays far below Teams' 28 KB.
/// </summary>
public sealed class CheckInQrCodes(IOptions<BotOptions> options) : ICheckInLinks
{
    /// <summary>Pixels per QR module: a ~50-module code becomes a ~240 px image, sharp on a phone and at the venue.</summary>
    public const int PixelsPerModule = 4;

    public CheckInLink For(string code)
    {
        var link = DeepLink(options.Value.AppId, code);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(PixelsPerModule);
        return new CheckInLink(link, "data:image/png;base64," + Convert.ToBase64String(png));
    }

    public static string DeepLink(string appId, string code) =>
        "https://teams.microsoft.com/l/chat/0/0?users=28:" + Uri.EscapeDataString(appId) + "&message=" + Uri.EscapeDataString("签到 " + code);
}
